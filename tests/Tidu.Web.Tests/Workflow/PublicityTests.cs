using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Data.Registry;
using Tidu.Rules;
using Tidu.Rules.Calendar;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Workflow;

/// <summary>
/// The recognition workflow's last steps through the API: after province approval, publicity (公示) for the configured
/// 5 working days, objections (异议) that block recognition until resolved, and recognition (认定) with a certificate
/// number and a 3-year recognition on the enterprise's file. The clock is faked on a Wednesday and the test hosts count
/// Monday–Friday (WeekdayCalendar): 5 working days from a Wednesday are Wed, Thu, Fri, Mon, Tue, so publicity ends on
/// the Tuesday after (start + 6 days). One test counts with the shipped State Council calendar on fixed days.
/// </summary>
public abstract class PublicityTests(TiduAppFixture app)
{
    private const string Tier = "specialized-sme";
    private static readonly DateOnly Today = TestClock.Today;

    /// <summary>A Wednesday at least a week ahead, so nothing recognised here is valid on the today of other tests.</summary>
    private static readonly DateOnly Wednesday = Enumerable.Range(8, 7).Select(d => Today.AddDays(d)).Single(d => d.DayOfWeek == DayOfWeek.Wednesday);

    [Fact]
    public async Task An_objection_blocks_recognition_until_dismissed_and_recognition_after_publicity_issues_a_certificate_and_a_recognition()
    {
        var applicant = await Applicants.NewAsync(app, Today);
        var id = await ProvinceApprovedAsync(applicant);
        var started = await AtAsync(Wednesday, "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/publicity", new JsonObject { ["revision"] = 3 }));
        started.Status.ShouldBe(HttpStatusCode.OK, started.Text);
        started.Json!["state"]!.GetValue<string>().ShouldBe("Publicity");
        started.Json["publicityStartsOn"]!.GetValue<string>().ShouldBe(Iso(Wednesday));
        started.Json["publicityEndsOn"]!.GetValue<string>().ShouldBe(Iso(Wednesday.AddDays(6)));

        // A county officer records an objection during publicity.
        var objected = await AtAsync(Wednesday.AddDays(1), "sc-county", c => PostAsync(c, $"/api/v1/applications/{id}/objections", new JsonObject { ["reason"] = "举报研发投入数据不实", ["revision"] = 4 }));
        objected.Status.ShouldBe(HttpStatusCode.OK, objected.Text);
        var objection = objected.Json!["objections"]!.AsArray().Single()!["id"]!.GetValue<long>();

        // After publicity, an open objection still blocks recognition.
        var blocked = await AtAsync(Wednesday.AddDays(7), "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/recognize", new JsonObject { ["revision"] = 5 }));
        blocked.Status.ShouldBe(HttpStatusCode.Conflict, blocked.Text);
        blocked.Json!["title"]!.GetValue<string>().ShouldContain("未处理的异议");
        blocked.Json["detail"]!.GetValue<string>().ShouldContain($"objection {objection}");

        var dismissed = await AtAsync(Wednesday.AddDays(2), "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/objections/{objection}/resolve",
            new JsonObject { ["outcome"] = "dismissed", ["reason"] = "经核查数据属实", ["revision"] = 5 }));
        dismissed.Status.ShouldBe(HttpStatusCode.OK, dismissed.Text);
        dismissed.Json!["state"]!.GetValue<string>().ShouldBe("Publicity");

        // The last day of publicity is still publicity: refused, nothing changes.
        var early = await AtAsync(Wednesday.AddDays(6), "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/recognize", new JsonObject { ["revision"] = 6 }));
        early.Status.ShouldBe(HttpStatusCode.Conflict, early.Text);
        early.Json!["title"]!.GetValue<string>().ShouldContain("公示期未满");
        early.Json["detail"]!.GetValue<string>().ShouldContain($"until {Iso(Wednesday.AddDays(6))}");

        var recognizedOn = Wednesday.AddDays(7);
        var recognized = await AtAsync(recognizedOn, "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/recognize", new JsonObject { ["revision"] = 6 }));
        recognized.Status.ShouldBe(HttpStatusCode.OK, recognized.Text);
        recognized.Json!["state"]!.GetValue<string>().ShouldBe("Recognized");
        var certificate = recognized.Json["certificateNumber"]!.GetValue<string>();
        certificate.ShouldMatch($"^浙专精特新〔{recognizedOn.Year}〕\\d{{4}}号$");
        recognized.Json["decisions"]!.AsArray().Select(d => $"{d!["level"]}:{d["decision"]}:{d["actor"]}:{d["to"]}").TakeLast(5).ShouldBe(
        [
            "province:approve:zj-province:ProvinceApproved",
            "province:publicize:zj-province:Publicity",
            "county:object:sc-county:Publicity",
            "province:dismiss-objection:zj-province:Publicity",
            "province:recognize:zj-province:Recognized",
        ]);

        // The enterprise's file holds the recognition (3 years, the last day inclusive), and its stored evaluation was redone that day.
        var code = applicant.CreditCode;
        var (recognitions, evaluatedOn, profileRecognitions) = await app.WithDbAsync(async db =>
        {
            var e = await db.Enterprises.AsNoTracking().Include(x => x.Financials).Include(x => x.Recognitions).Include(x => x.Honors).Include(x => x.TierOutcomes)
                .AsSplitQuery().SingleAsync(x => x.CreditCode == code);
            return (e.Recognitions.Where(r => r.RecognizedOn == recognizedOn).ToList(), e.Evaluation?.AsOf,
                ProfileMapping.ToProfile(e).Profile!.Recognitions!.Count(r => r.RecognizedOn == recognizedOn && r.Tier == Tier));
        });
        var recognition = recognitions.ShouldHaveSingleItem();
        recognition.Tier.ShouldBe(Tier);
        recognition.ValidUntil.ShouldBe(recognizedOn.AddYears(3).AddDays(-1));
        recognition.Issuer.ShouldBe("浙江省");
        evaluatedOn.ShouldBe(recognizedOn);
        profileRecognitions.ShouldBe(1);
        (await app.WithDbAsync(db => db.Applications.CountAsync(a => a.CertificateNumber == certificate))).ShouldBe(1);
    }

    [Fact]
    public async Task Recognition_is_refused_before_publicity_starts_and_while_it_runs()
    {
        var id = await ProvinceApprovedAsync(await Applicants.NewAsync(app, Today));
        var unpublicized = await AtAsync(Wednesday, "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/recognize", new JsonObject { ["revision"] = 3 }));
        unpublicized.Status.ShouldBe(HttpStatusCode.Conflict, unpublicized.Text);
        unpublicized.Json!["detail"]!.GetValue<string>().ShouldContain("ProvinceApproved");

        // Started on a Saturday, publicity runs Monday to Friday.
        var saturday = Wednesday.AddDays(3);
        var started = await AtAsync(saturday, "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/publicity", new JsonObject { ["revision"] = 3 }));
        started.Json!["publicityStartsOn"]!.GetValue<string>().ShouldBe(Iso(saturday.AddDays(2)));
        started.Json["publicityEndsOn"]!.GetValue<string>().ShouldBe(Iso(saturday.AddDays(6)));
        var refused = await AtAsync(saturday.AddDays(3), "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/recognize", new JsonObject { ["revision"] = 4 }));
        refused.Status.ShouldBe(HttpStatusCode.Conflict, refused.Text);
        refused.Json!["title"]!.GetValue<string>().ShouldContain("公示期未满");
        (await app.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id))).CertificateNumber.ShouldBeNull();
        // Only the province recognises.
        (await AtAsync(saturday.AddDays(9), "hz-city", c => PostAsync(c, $"/api/v1/applications/{id}/recognize", new JsonObject { ["revision"] = 4 }))).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_upheld_objection_rejects_the_application_and_it_cannot_be_recognised()
    {
        var id = await ProvinceApprovedAsync(await Applicants.NewAsync(app, Today));
        (await AtAsync(Wednesday, "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/publicity", new JsonObject { ["revision"] = 3 }))).Status.ShouldBe(HttpStatusCode.OK);
        var noReason = await AtAsync(Wednesday, "hz-city", c => PostAsync(c, $"/api/v1/applications/{id}/objections", new JsonObject { ["reason"] = " ", ["revision"] = 4 }));
        noReason.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, noReason.Text);
        var objected = await AtAsync(Wednesday, "hz-city", c => PostAsync(c, $"/api/v1/applications/{id}/objections", new JsonObject { ["reason"] = "存在严重失信行为", ["revision"] = 4 }));
        var objection = objected.Json!["objections"]!.AsArray().Single()!["id"]!.GetValue<long>();

        var upheld = await AtAsync(Wednesday.AddDays(1), "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/objections/{objection}/resolve",
            new JsonObject { ["outcome"] = "upheld", ["reason"] = "经核查属实", ["revision"] = 5 }));
        upheld.Status.ShouldBe(HttpStatusCode.OK, upheld.Text);
        upheld.Json!["state"]!.GetValue<string>().ShouldBe("Rejected");
        upheld.Json["objections"]!.AsArray().Single()!["outcome"]!.GetValue<string>().ShouldBe("Upheld");
        var last = upheld.Json["decisions"]!.AsArray().Last()!;
        $"{last["decision"]}:{last["from"]}->{last["to"]}:{last["reason"]}".ShouldBe("uphold-objection:Publicity->Rejected:经核查属实");

        var late = await AtAsync(Wednesday.AddDays(10), "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/recognize", new JsonObject { ["revision"] = 6 }));
        late.Status.ShouldBe(HttpStatusCode.Conflict, late.Text);
        late.Json!["detail"]!.GetValue<string>().ShouldContain("Rejected");
    }

    private async Task<long> ProvinceApprovedAsync(Applicant applicant)
    {
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var round = await PostAsync(province, "/api/v1/rounds", new JsonObject
        {
            ["tier"] = Tier,
            ["title"] = "公示与认定（测试）",
            ["opensOn"] = Iso(Today.AddDays(-30)),
            ["closesOn"] = Iso(Today.AddDays(30)),
            ["ruleSetVersion"] = RuleVersionToday(),
            ["quotas"] = new JsonArray(new JsonObject { ["cityCode"] = "330100", ["quota"] = 1 }),
        });
        round.Status.ShouldBe(HttpStatusCode.Created, round.Text);
        // Publicity days and validity years come from configuration (appsettings Workflow section).
        round.Json!["publicityWorkingDays"]!.GetValue<int>().ShouldBe(5);
        round.Json["validityYears"]!.GetValue<int>().ShouldBe(3);
        using var enterprise = await Sessions.LoginAsync(app, applicant.UserName);
        var id = (await PostAsync(enterprise, "/api/v1/applications", new JsonObject { ["roundId"] = round.Json["id"]!.GetValue<long>(), ["declaredTrue"] = true })).Json!["id"]!.GetValue<long>();
        using var county = await Sessions.LoginAsync(app, "sc-county");
        using var city = await Sessions.LoginAsync(app, "hz-city");
        var countyApproved = await Decide(county, id, "approve", 0);
        countyApproved.Status.ShouldBe(HttpStatusCode.OK, countyApproved.Text);
        (await Decide(city, id, "recommend", 1)).Status.ShouldBe(HttpStatusCode.OK);
        var approved = await Decide(province, id, "approve", 2);
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Text);
        approved.Json!["revision"]!.GetValue<int>().ShouldBe(3);
        return id;
    }

    [Fact]
    public async Task Publicity_counts_the_State_Council_holidays_and_refuses_a_year_without_an_arrangement()
    {
        // The shipped calendar, on fixed days: 国办发明电〔2025〕7号 has 10-1..10-7 off and Saturday 10-10 working; 2027 is not shipped.
        var shipped = WorkingDayCalendar.LoadDefault();
        var id = await ProvinceApprovedAsync(await Applicants.NewAsync(app, Today));
        var refused = await AtAsync(new DateOnly(2026, 12, 28), "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/publicity", new JsonObject { ["revision"] = 3 }), shipped);
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.Text);
        refused.Json!["title"]!.GetValue<string>().ShouldContain("2027年的节假日安排尚未收录");
        refused.Text.ShouldNotContain("   at "); // no stack trace

        // Nothing changed: the same revision starts publicity on 2026-09-30 (Wed), 5 working days = 9-30, 10-8, 10-9, 10-10 (Sat), 10-12.
        var started = await AtAsync(new DateOnly(2026, 9, 30), "zj-province", c => PostAsync(c, $"/api/v1/applications/{id}/publicity", new JsonObject { ["revision"] = 3 }), shipped);
        started.Status.ShouldBe(HttpStatusCode.OK, started.Text);
        started.Json!["publicityStartsOn"]!.GetValue<string>().ShouldBe("2026-09-30");
        started.Json["publicityEndsOn"]!.GetValue<string>().ShouldBe("2026-10-12");
    }

    private async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> AtAsync(DateOnly day, string user, Func<HttpClient, Task<(HttpStatusCode, JsonNode?, string)>> act,
        WorkingDayCalendar? calendar = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime());
        await using var host = app.App.WithClock(clock, calendar is null ? null : s => s.AddSingleton(calendar));
        using var client = await Sessions.LoginAsync(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress }), user);
        return await act(client);
    }

    private static Task<(HttpStatusCode Status, JsonNode? Json, string Text)> PostAsync(HttpClient client, string url, JsonObject body) => client.PostJsonAsync(url, body);

    private static Task<(HttpStatusCode Status, JsonNode? Json, string Text)> Decide(HttpClient client, long id, string decision, int revision) =>
        client.PostJsonAsync($"/api/v1/applications/{id}/decisions", new JsonObject { ["decision"] = decision, ["revision"] = revision });

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private string RuleVersionToday() => SeededApplications.RuleVersionOn(app, Today);
}

[Collection(SqliteApp.Name)]
public sealed class SqlitePublicityTests(SqliteAppFixture app) : PublicityTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresPublicityTests(PostgresAppFixture app) : PublicityTests(app);
