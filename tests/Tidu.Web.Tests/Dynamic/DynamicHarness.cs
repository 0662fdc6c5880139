using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tidu.Application.Dynamic;
using Tidu.Data.Entities;
using Tidu.Data.Registry;
using Tidu.Rules;
using Tidu.Web.Tests.Infrastructure;

namespace Tidu.Web.Tests.Dynamic;

/// <summary>Shared steps of the dynamic-management tests: a host whose clock is faked on a China date, and seeded recognitions.</summary>
internal static class DynamicHarness
{
    public static DynamicManagementOptions Options(TiduAppFixture app) => app.App.Services.GetRequiredService<IOptions<DynamicManagementOptions>>().Value;

    /// <summary>Signs <paramref name="user"/> in on a host whose clock reads 10:00 China time on <paramref name="day"/>, and acts.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> AtAsync(TiduAppFixture app, DateOnly day, string user,
        Func<HttpClient, Task<(HttpStatusCode, JsonNode?, string)>> act)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime());
        await using var host = app.App.WithClock(clock);
        using var client = await Sessions.LoginAsync(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress }), user);
        return await act(client);
    }

    /// <summary>Adds a recognition to an enterprise's file as the system would have recorded it; returns its id.</summary>
    public static Task<long> SeedRecognitionAsync(TiduAppFixture app, string creditCode, string tier, DateOnly recognizedOn, DateOnly validUntil) =>
        app.WithDbAsync(async db =>
        {
            var enterprise = await db.Enterprises.SingleAsync(e => e.CreditCode == creditCode);
            var r = new EnterpriseRecognition { EnterpriseId = enterprise.Id, Tier = tier, RecognizedOn = recognizedOn, ValidUntil = validUntil, Issuer = "浙江省" };
            db.Recognitions.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The version of <paramref name="tier"/> in force on <paramref name="day"/> for a Zhejiang enterprise, from the shipped rules.</summary>
    public static string RuleVersionOn(TiduAppFixture app, string tier, DateOnly day)
    {
        var library = app.App.Services.GetRequiredService<RuleLibrary>();
        var set = library.TiersFor("330102").Single(g => g[0].Id == tier).First(t => t.VersionOn(day) is not null);
        return $"{set.Id}@{set.VersionOn(day)!.Info.VersionId}";
    }

    public static DateOnly Today => TestClock.Today;
}
