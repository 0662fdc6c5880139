using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidu.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationDeclarations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProfileJson = table.Column<string>(type: "TEXT", nullable: false),
                    DeclaredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    EnterpriseRegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    EnterpriseCityCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    EnterpriseProvinceCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    ExpertId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ExpertUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AssignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    HasConflict = table.Column<bool>(type: "INTEGER", nullable: true),
                    ConflictStatement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ItemScores = table.Column<string>(type: "TEXT", nullable: true),
                    TotalScore = table.Column<decimal>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ScoredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpertsPerApplication = table.Column<int>(type: "INTEGER", nullable: false),
                    PassMark = table.Column<decimal>(type: "TEXT", nullable: false),
                    ScoreSheet = table.Column<string>(type: "TEXT", nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Declared = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Verified = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
