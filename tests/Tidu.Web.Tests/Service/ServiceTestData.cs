using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;
using Tidu.Web.Tests.Infrastructure;

namespace Tidu.Web.Tests.Service;

/// <summary>Enterprises with chosen recognitions, and enterprise users for them, created as the system for the service tests.</summary>
internal static class ServiceTestData
{
    /// <summary>Creates (or updates) an enterprise in <paramref name="region"/> holding <paramref name="tiers"/>, recognised a year ago for 3 years.</summary>
    public static async Task<string> EnterpriseAsync(TiduAppFixture app, string region, int serial, params string[] tiers)
    {
        var code = CreditCodes.For(region, serial);
        var profile = Profiles.Minimal(code, $"服务测试企业{serial}有限公司", region);
        var from = TestClock.Today.AddYears(-1);
        profile["recognitions"] = new JsonArray([.. tiers.Select(t => (JsonNode)new JsonObject
        {
            ["tier"] = t,
            ["recognizedOn"] = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["validUntil"] = from.AddYears(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        })]);
        var parsed = ProfileReader.Parse(new RawRecord(1, code, JsonSerializer.SerializeToUtf8Bytes(profile)));
        var p = parsed.Profile ?? throw new InvalidOperationException("test profile invalid: " + string.Join("; ", parsed.Errors));
        // The system's own write (as demo data): a file edit could not set recognitions.
        await app.WithRegistryAsync(r => r.UpsertAsync([p], RecognitionWrites.Official));
        return code;
    }

    /// <summary>An enterprise user (password of the demo accounts) for the enterprise <paramref name="creditCode"/>.</summary>
    public static async Task<string> EnterpriseUserAsync(TiduAppFixture app, string creditCode)
    {
        var name = "ent-" + creditCode;
        using var scope = app.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TiduUser>>();
        if (await users.FindByNameAsync(name) is null)
        {
            var user = new TiduUser { UserName = name, DisplayName = "测试企业用户", RegionCode = creditCode.Substring(2, 6), CreditCode = creditCode };
            var created = await users.CreateAsync(user, TiduAppFixture.DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, Roles.Enterprise);
        }
        return name;
    }
}
