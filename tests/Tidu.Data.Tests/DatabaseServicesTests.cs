using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Data.Cryptography;
using Tidu.Data.Scoping;
using Xunit;

namespace Tidu.Data.Tests;

/// <summary>
/// A context made outside dependency injection (the CLI, tools) runs the same checks as the platform's: a page or
/// batch taken without an order would differ from one run to the next, so the query is refused, not warned about.
/// </summary>
public sealed class DatabaseServicesTests
{
    private static readonly FieldCipher Cipher = new(KeyRing.Of(CryptoSuite.International,
        [(KeyRing.Fields, "t", [.. Enumerable.Range(1, 32).Select(i => (byte)i)])]));

    [Fact]
    public void A_context_made_for_the_command_line_refuses_a_row_limit_without_an_order_and_accepts_it_with_one()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var db = DatabaseServices.CreateContext(DatabaseProvider.Sqlite, "Data Source=:memory:", new FixedRegionScope(RegionScope.Everything("test")),
            new FakeTimeProvider(new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero)), Cipher);
        db.Database.SetDbConnection(connection);
        db.Database.EnsureCreated().ShouldBeTrue();

        Should.Throw<InvalidOperationException>(() => db.Enterprises.Take(1).ToList());
        db.Enterprises.OrderBy(e => e.CreditCode).Take(1).ToList().ShouldBeEmpty();
    }
}
