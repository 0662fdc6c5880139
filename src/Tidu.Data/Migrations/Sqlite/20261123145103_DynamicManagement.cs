using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DynamicManagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecipientUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecipientRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RecipientRegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    RecipientCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    EnterpriseId = table.Column<long>(type: "INTEGER", nullable: true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Notifications_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PoolMemberships",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Pool = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EnteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EntryReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExitedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExitedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ExitedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ExitReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PoolMemberships_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecognitionReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecognitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Ground = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Qualified = table.Column<bool>(type: "INTEGER", nullable: false),
                    EvaluationTrace = table.Column<string>(type: "TEXT", nullable: false),
                    RuleVersion = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ValidUntilBefore = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidUntilAfter = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BarredUntil = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecognitionReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecognitionReviews_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecognitionReviews_Recognitions_RecognitionId",
                        column: x => x.RecognitionId,
                        principalTable: "Recognitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NotificationReads",
                columns: table => new
                {
                    NotificationId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationReads", x => new { x.NotificationId, x.UserName });
                    table.ForeignKey(
                        name: "FK_NotificationReads_Notifications_NotificationId",
                        column: x => x.NotificationId,
                        principalTable: "Notifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ApplicationId",
                table: "Notifications",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EnterpriseId",
                table: "Notifications",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Key",
                table: "Notifications",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientCreditCode",
                table: "Notifications",
                column: "RecipientCreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientRole_RecipientRegionCode",
                table: "Notifications",
                columns: new[] { "RecipientRole", "RecipientRegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserName",
                table: "Notifications",
                column: "RecipientUserName");

            migrationBuilder.CreateIndex(
                name: "IX_PoolMemberships_EnteredOn",
                table: "PoolMemberships",
                column: "EnteredOn");

            migrationBuilder.CreateIndex(
                name: "IX_PoolMemberships_EnterpriseId_Tier_ExitedOn",
                table: "PoolMemberships",
                columns: new[] { "EnterpriseId", "Tier", "ExitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PoolMemberships_ExitedOn",
                table: "PoolMemberships",
                column: "ExitedOn");

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionReviews_EnterpriseId_Tier_Decision",
                table: "RecognitionReviews",
                columns: new[] { "EnterpriseId", "Tier", "Decision" });

            migrationBuilder.CreateIndex(
                name: "IX_RecognitionReviews_RecognitionId",
                table: "RecognitionReviews",
                column: "RecognitionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NotificationReads");

            migrationBuilder.DropTable(
                name: "PoolMemberships");

            migrationBuilder.DropTable(
                name: "RecognitionReviews");

            migrationBuilder.DropTable(
                name: "Notifications");
        }
    }
}
