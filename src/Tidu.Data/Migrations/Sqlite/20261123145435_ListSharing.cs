using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecipientKind",
                table: "ApiKeys",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tiers",
                table: "ApiKeys",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ListPulls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ApiKeyId = table.Column<long>(type: "INTEGER", nullable: false),
                    KeyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecipientKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Tiers = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    ListHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListPulls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListPulls_ApiKeys_ApiKeyId",
                        column: x => x.ApiKeyId,
                        principalTable: "ApiKeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SharingConsents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecipientKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PaperReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    GivenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    GivenBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharingConsents_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ListPulls_ApiKeyId",
                table: "ListPulls",
                column: "ApiKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_ListPulls_At",
                table: "ListPulls",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_SharingConsents_EnterpriseId_RecipientKind_WithdrawnAt",
                table: "SharingConsents",
                columns: new[] { "EnterpriseId", "RecipientKind", "WithdrawnAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ListPulls");

            migrationBuilder.DropTable(
                name: "SharingConsents");

            migrationBuilder.DropColumn(
                name: "RecipientKind",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "Tiers",
                table: "ApiKeys");
        }
    }
}
