using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tidu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExpertReviewMaterialsVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OrganisationCreditCode",
                table: "AspNetUsers",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationDeclarations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<long>(type: "bigint", nullable: false),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: false),
                    ProfileJson = table.Column<string>(type: "text", nullable: false),
                    DeclaredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationDeclarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationDeclarations_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApplicationDeclarations_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationMaterials",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<long>(type: "bigint", nullable: false),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    StoredName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationMaterials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationMaterials_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApplicationMaterials_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExpertAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<long>(type: "bigint", nullable: false),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: false),
                    EnterpriseCreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    EnterpriseRegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    EnterpriseCityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    EnterpriseProvinceCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ExpertId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ExpertUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HasConflict = table.Column<bool>(type: "boolean", nullable: true),
                    ConflictStatement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ItemScores = table.Column<string>(type: "text", nullable: true),
                    TotalScore = table.Column<decimal>(type: "numeric", nullable: true),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ScoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpertAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpertAssignments_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExpertAssignments_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoundExpertReviews",
                columns: table => new
                {
                    RoundId = table.Column<long>(type: "bigint", nullable: false),
                    ExpertsPerApplication = table.Column<int>(type: "integer", nullable: false),
                    PassMark = table.Column<decimal>(type: "numeric", nullable: false),
                    ScoreSheet = table.Column<string>(type: "text", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundExpertReviews", x => x.RoundId);
                    table.ForeignKey(
                        name: "FK_RoundExpertReviews_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VerifiedValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<long>(type: "bigint", nullable: false),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: false),
                    Field = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Declared = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Verified = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    VerifiedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerifiedValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerifiedValues_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VerifiedValues_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationDeclarations_ApplicationId",
                table: "ApplicationDeclarations",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationDeclarations_EnterpriseId",
                table: "ApplicationDeclarations",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMaterials_ApplicationId",
                table: "ApplicationMaterials",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMaterials_EnterpriseId",
                table: "ApplicationMaterials",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMaterials_StoredName",
                table: "ApplicationMaterials",
                column: "StoredName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExpertAssignments_ApplicationId_ExpertId",
                table: "ExpertAssignments",
                columns: new[] { "ApplicationId", "ExpertId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExpertAssignments_EnterpriseId",
                table: "ExpertAssignments",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_ExpertAssignments_ExpertId_EnterpriseId",
                table: "ExpertAssignments",
                columns: new[] { "ExpertId", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_VerifiedValues_ApplicationId",
                table: "VerifiedValues",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_VerifiedValues_EnterpriseId",
                table: "VerifiedValues",
                column: "EnterpriseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationDeclarations");

            migrationBuilder.DropTable(
                name: "ApplicationMaterials");

            migrationBuilder.DropTable(
                name: "ExpertAssignments");

            migrationBuilder.DropTable(
                name: "RoundExpertReviews");

            migrationBuilder.DropTable(
                name: "VerifiedValues");

            migrationBuilder.DropColumn(
                name: "OrganisationCreditCode",
                table: "AspNetUsers");
        }
    }
}
