using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_Name",
                table: "Enterprises",
                column: "Name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_Name",
                table: "Enterprises");
        }
    }
}
