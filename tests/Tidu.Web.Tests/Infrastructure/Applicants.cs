using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>An enterprise of a test's own with an enterprise user bound to it (password as the demo accounts').</summary>
public sealed record Applicant(string UserName, string CreditCode, string Name, string RegionCode);

/// <summary>
/// New applying enterprises, one per test: a test that applies, is recognised or is notified works on a file and an
/// account no other test touches, so it depends neither on the demo enterprise's generated file nor on what other tests
/// did to it.
/// </summary>
public static class Applicants
{
    public const string Tier = "specialized-sme";

    // Serials far from the fixed ones other tests use (1 to 99,999).
    private static int _serial = 40_000_000;

    /// <summary>
    /// A new enterprise in <paramref name="regionCode"/> whose file meets the specialized-SME criteria on
    /// <paramref name="today"/> (<paramref name="qualifying"/>) or no tier at all, and its user. The stored
    /// evaluation is checked, so a test relying on it does not rely on an assumption.
    /// </summary>
    public static async Task<Applicant> NewAsync(TiduAppFixture app, DateOnly today, bool qualifying = true, string regionCode = "330102")
    {
        ArgumentNullException.ThrowIfNull(app);
        var serial = Interlocked.Increment(ref _serial);
        var code = CreditCodes.For(regionCode, serial);
        var name = $"测试申报企业{serial}有限公司";
        var json = qualifying ? Profiles.Qualifying(code, name, regionCode, today) : Profiles.Minimal(code, name, regionCode);
        var parsed = ProfileReader.Parse(new RawRecord(1, code, JsonSerializer.SerializeToUtf8Bytes(json)));
        var profile = parsed.Profile ?? throw new InvalidOperationException("test profile invalid: " + string.Join("; ", parsed.Errors));
        // The innovative-SME recognition the qualifying file holds is written as from an official list (a file upload keeps stored recognitions only).
        await app.WithRegistryAsync(registry => registry.UpsertAsync([profile], RecognitionWrites.Official)).ConfigureAwait(false);
        var qualified = await app.WithDbAsync(db => db.TierOutcomes.IgnoreQueryFilters()
            .AnyAsync(t => t.Enterprise.CreditCode == code && t.Tier == Tier && t.Qualified)).ConfigureAwait(false);
        if (qualified != qualifying)
        {
            throw new InvalidOperationException($"the test file of {code} {(qualifying ? "does not qualify" : "qualifies")} for {Tier} on {today:yyyy-MM-dd}");
        }

        var userName = "applicant-" + serial.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var scope = app.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TiduUser>>();
        var user = new TiduUser { UserName = userName, DisplayName = name, RegionCode = regionCode, CreditCode = code };
        var created = await users.CreateAsync(user, TiduAppFixture.DemoPassword).ConfigureAwait(false);
        var role = created.Succeeded ? await users.AddToRoleAsync(user, Roles.Enterprise).ConfigureAwait(false) : created;
        if (!role.Succeeded)
        {
            throw new InvalidOperationException($"applicant {userName}: " + string.Join("; ", role.Errors.Select(e => e.Description)));
        }
        return new Applicant(userName, code, name, regionCode);
    }
}
