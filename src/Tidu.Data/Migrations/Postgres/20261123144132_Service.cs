using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tidu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Service : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommissionerAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: false),
                    Commissioner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PreviousCommissioner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AssignedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RuleClause = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissionerAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommissionerAssignments_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EnterpriseRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedMonth = table.Column<int>(type: "integer", nullable: false),
                    FirstDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HandlingRegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Commissioner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Escalations = table.Column<int>(type: "integer", nullable: false),
                    FirstRepliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstRepliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Satisfaction = table.Column<int>(type: "integer", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnterpriseRequests_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Visits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: false),
                    Commissioner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IssuesFound = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IssuesSolved = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Visits_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FromLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ToLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestEntries_EnterpriseRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "EnterpriseRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionerAssignments_Commissioner_EndedAt",
                table: "CommissionerAssignments",
                columns: new[] { "Commissioner", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionerAssignments_EnterpriseId_EndedAt",
                table: "CommissionerAssignments",
                columns: new[] { "EnterpriseId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseRequests_EnterpriseId",
                table: "EnterpriseRequests",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseRequests_Status_DueOn",
                table: "EnterpriseRequests",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseRequests_SubmittedMonth",
                table: "EnterpriseRequests",
                column: "SubmittedMonth");

            migrationBuilder.CreateIndex(
                name: "IX_RequestEntries_RequestId",
                table: "RequestEntries",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_EnterpriseId_VisitedOn",
                table: "Visits",
                columns: new[] { "EnterpriseId", "VisitedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommissionerAssignments");

            migrationBuilder.DropTable(
                name: "RequestEntries");

            migrationBuilder.DropTable(
                name: "Visits");

            migrationBuilder.DropTable(
                name: "EnterpriseRequests");
        }
    }
}
