using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Data.Registry;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Service;

/// <summary>
/// Requests (诉求) and visits through the API on both providers, with a fake clock in China time. The deadline is the
/// configured 5 working days (appsettings Service:RequestResponseWorkingDays; no seed states one) after the day raised:
/// raised on a Wednesday, due the next Wednesday (Thu, Fri, Mon, Tue, Wed). Overdue = not answered by the end of the
/// deadline day; then it goes one level up with a new 5-working-day deadline.
/// </summary>
public abstract class RequestTests(TiduAppFixture app) : IAsyncDisposable
{
    // One host per test with a fake clock that only moves forward; its background check is off (the check is run
    // directly in The_background_check_escalates_with_the_apps_clock), so only the calls of the test escalate, and its
    // daily re-evaluation runs on the shared app's clock.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private WebApplicationFactory<Program>? _host;

    private static readonly DateOnly Today = TestClock.Today;

    /// <summary>A Wednesday weeks ahead, so nothing here is overdue on the today of other tests.</summary>
    private static readonly DateOnly Wednesday = Enumerable.Range(21, 7).Select(d => Today.AddDays(d)).Single(d => d.DayOfWeek == DayOfWeek.Wednesday);

    [Fact]
    public async Task An_unanswered_request_stays_on_the_deadline_day_and_escalates_the_day_after_then_again_to_the_province()
    {
        var (_, user) = await EnterpriseWithUserAsync(9201);
        var raised = await AtAsync(Wednesday, user, c => c.PostJsonAsync("/api/v1/requests", Body("finance")));
        raised.Status.ShouldBe(HttpStatusCode.Created, raised.Text);
        var id = raised.Json!["id"]!.GetValue<long>();
        raised.Json["level"]!.GetValue<string>().ShouldBe("county"); // no commissioner: its county
        raised.Json["handlingRegionCode"]!.GetValue<string>().ShouldBe("330102");
        var due = Wednesday.AddDays(7);
        raised.Json["dueOn"]!.GetValue<string>().ShouldBe(Iso(due));

        var onDeadline = await AtAsync(due, "sc-county", c => c.GetJsonAsync($"/api/v1/requests/{id}"));
        onDeadline.Json!["level"]!.GetValue<string>().ShouldBe("county");
        onDeadline.Json["escalations"]!.GetValue<int>().ShouldBe(0);
        onDeadline.Json["overdue"]!.GetValue<bool>().ShouldBeFalse();

        var dayAfter = due.AddDays(1); // Thursday
        var escalated = await AtAsync(dayAfter, "sc-county", c => c.GetJsonAsync($"/api/v1/requests/{id}"));
        escalated.Json!["level"]!.GetValue<string>().ShouldBe("city");
        escalated.Json["handlingRegionCode"]!.GetValue<string>().ShouldBe("330100");
        escalated.Json["escalations"]!.GetValue<int>().ShouldBe(1);
        var newDue = dayAfter.AddDays(7); // Thu + 5 working days = next Thursday
        escalated.Json["dueOn"]!.GetValue<string>().ShouldBe(Iso(newDue));
        escalated.Json["firstDueOn"]!.GetValue<string>().ShouldBe(Iso(due));
        var entry = escalated.Json["entries"]!.AsArray().Last()!;
        $"{entry["kind"]}:{entry["from"]}->{entry["to"]}:{entry["actor"]}".ShouldBe("escalate:county->city:system:escalation");

        (await AtAsync(newDue, "hz-city", c => c.GetJsonAsync($"/api/v1/requests/{id}"))).Json!["level"]!.GetValue<string>().ShouldBe("city");
        var province = await AtAsync(newDue.AddDays(1), "zj-province", c => c.GetJsonAsync($"/api/v1/requests/{id}"));
        province.Json!["level"]!.GetValue<string>().ShouldBe("province");
        province.Json["handlingRegionCode"]!.GetValue<string>().ShouldBe("330000");
        province.Json["escalations"]!.GetValue<int>().ShouldBe(2);
        // At the province there is nothing above: it stays there, overdue.
        var stuck = await AtAsync(newDue.AddDays(30), "zj-province", c => c.GetJsonAsync($"/api/v1/requests/{id}"));
        stuck.Json!["level"]!.GetValue<string>().ShouldBe("province");
        stuck.Json["escalations"]!.GetValue<int>().ShouldBe(2);
        stuck.Json["overdue"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task The_background_check_escalates_with_the_apps_clock()
    {
        var (_, user) = await EnterpriseWithUserAsync(9202);
        var id = (await AtAsync(Wednesday, user, c => c.PostJsonAsync("/api/v1/requests", Body("policy")))).Json!["id"]!.GetValue<long>();
        var due = Wednesday.AddDays(7);
        // The check sees every request of the shared database (other tests raise some on the tests' day, overdue by
        // now): what counts is that this one stays at its county on its deadline day.
        await RunCheckAsync(due);
        (await LevelAsync(id)).ShouldBe("county");
        (await RunCheckAsync(due.AddDays(1))).ShouldBeGreaterThanOrEqualTo(1);
        (await LevelAsync(id)).ShouldBe("city");
    }

    [Fact]
    public async Task Accept_reply_and_close_with_satisfaction_and_who_may_do_what()
    {
        var (code, user) = await EnterpriseWithUserAsync(9203);
        var raised = await AtAsync(Wednesday, user, c => c.PostJsonAsync("/api/v1/requests", Body("technology")));
        var id = raised.Json!["id"]!.GetValue<long>();
        var late = (await AtAsync(Wednesday, user, c => c.PostJsonAsync("/api/v1/requests", Body("ip")))).Json!["id"]!.GetValue<long>();
        (await AtAsync(Wednesday, user, c => c.PostJsonAsync("/api/v1/requests", Body("no-such-category")))).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await AtAsync(Wednesday, "sc-county", c => c.PostJsonAsync("/api/v1/requests", Body("finance")))).Status.ShouldBe(HttpStatusCode.Forbidden);

        (await AtAsync(Wednesday, user, c => c.PostJsonAsync($"/api/v1/requests/{id}/accept", new JsonObject { ["revision"] = 0 }))).Status.ShouldBe(HttpStatusCode.Forbidden);
        var accepted = await AtAsync(Wednesday.AddDays(1), "sc-commissioner", c => c.PostJsonAsync($"/api/v1/requests/{id}/accept", new JsonObject { ["revision"] = 0 }));
        accepted.Status.ShouldBe(HttpStatusCode.OK, accepted.Text);
        accepted.Json!["status"]!.GetValue<string>().ShouldBe("Accepted");
        (await AtAsync(Wednesday.AddDays(1), "sc-county", c => c.PostJsonAsync($"/api/v1/requests/{id}/replies", new JsonObject { ["text"] = "已对接", ["revision"] = 0 }))).Status.ShouldBe(HttpStatusCode.Conflict);
        var replied = await AtAsync(Wednesday.AddDays(7), "sc-county", c => c.PostJsonAsync($"/api/v1/requests/{id}/replies", new JsonObject { ["text"] = "已对接省级技术创新中心", ["revision"] = 1 }));
        replied.Status.ShouldBe(HttpStatusCode.OK, replied.Text);
        replied.Json!["answeredOnTime"]!.GetValue<bool>().ShouldBeTrue(); // answered on the deadline day

        (await AtAsync(Wednesday.AddDays(8), "sc-county", c => c.PostJsonAsync($"/api/v1/requests/{id}/close", new JsonObject { ["satisfaction"] = 5, ["revision"] = 2 }))).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await AtAsync(Wednesday.AddDays(8), user, c => c.PostJsonAsync($"/api/v1/requests/{id}/close", new JsonObject { ["satisfaction"] = 6, ["revision"] = 2 }))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AtAsync(Wednesday.AddDays(8), user, c => c.PostJsonAsync($"/api/v1/requests/{id}/close", new JsonObject { ["satisfaction"] = 0, ["revision"] = 2 }))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var closed = await AtAsync(Wednesday.AddDays(8), user, c => c.PostJsonAsync($"/api/v1/requests/{id}/close", new JsonObject { ["satisfaction"] = 4, ["revision"] = 2 }));
        closed.Status.ShouldBe(HttpStatusCode.OK, closed.Text);
        closed.Json!["status"]!.GetValue<string>().ShouldBe("Closed");
        closed.Json["satisfaction"]!.GetValue<int>().ShouldBe(4);
        closed.Json["entries"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ShouldBe(["submit", "accept", "reply", "close"]);
        // Audited under the enterprise's credit code.
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "EnterpriseRequest" && a.CreditCode == code))).ShouldBeGreaterThanOrEqualTo(4);

        // Answered the day after the deadline: late, though the reply itself is accepted.
        var lateReply = await AtAsync(Wednesday.AddDays(8), "hz-city", c => c.PostJsonAsync($"/api/v1/requests/{late}/replies", new JsonObject { ["text"] = "已答复", ["revision"] = 1 }));
        lateReply.Status.ShouldBe(HttpStatusCode.OK, lateReply.Text); // revision 1: the read before acting escalated it to the city
        lateReply.Json!["answeredOnTime"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task An_enterprise_sees_only_its_own_requests_and_officers_only_their_regions()
    {
        var (_, user) = await EnterpriseWithUserAsync(9204);
        var (_, otherUser) = await EnterpriseWithUserAsync(9205);
        var id = (await AtAsync(Wednesday, user, c => c.PostJsonAsync("/api/v1/requests", Body("management")))).Json!["id"]!.GetValue<long>();
        var otherId = (await AtAsync(Wednesday, otherUser, c => c.PostJsonAsync("/api/v1/requests", Body("digital")))).Json!["id"]!.GetValue<long>();

        var mine = await AtAsync(Wednesday, user, c => c.GetJsonAsync("/api/v1/requests"));
        var ids = mine.Json!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ToList();
        ids.ShouldContain(id);
        ids.ShouldNotContain(otherId);
        (await AtAsync(Wednesday, user, c => c.GetJsonAsync($"/api/v1/requests/{otherId}"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await AtAsync(Wednesday, otherUser, c => c.PostJsonAsync($"/api/v1/requests/{id}/close", new JsonObject { ["satisfaction"] = 1, ["revision"] = 0 }))).Status.ShouldBe(HttpStatusCode.NotFound);

        foreach (var (who, sees) in new[] { ("sc-county", true), ("hz-city", true), ("zj-province", true), ("sc-commissioner", true), ("gs-county", false), ("gs-commissioner", false), ("hb-province", false) })
        {
            var answer = await AtAsync(Wednesday, who, c => c.GetJsonAsync($"/api/v1/requests/{id}"));
            answer.Status.ShouldBe(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, who);
        }
        (await AtAsync(Wednesday, "gs-county", c => c.PostJsonAsync($"/api/v1/requests/{id}/replies", new JsonObject { ["text"] = "越权答复", ["revision"] = 0 }))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Visits_are_logged_by_commissioners_within_their_region()
    {
        var (code, user) = await EnterpriseWithUserAsync(9206);
        var visit = new JsonObject { ["creditCode"] = code, ["visitedOn"] = Iso(Today), ["notes"] = "走访了解融资需求", ["issuesFound"] = "流动资金紧张", ["issuesSolved"] = 1 };
        using var commissioner = await Sessions.LoginAsync(app, "sc-commissioner");
        var logged = await commissioner.PostJsonAsync("/api/v1/visits", visit);
        logged.Status.ShouldBe(HttpStatusCode.Created, logged.Text);
        logged.Json!["commissioner"]!.GetValue<string>().ShouldBe("sc-commissioner");
        (await commissioner.PostJsonAsync("/api/v1/visits", new JsonObject { ["creditCode"] = code, ["visitedOn"] = Iso(Today.AddDays(1)), ["notes"] = "未来" })).Status.ShouldBe(HttpStatusCode.BadRequest);

        using var other = await Sessions.LoginAsync(app, "gs-commissioner");
        (await other.PostJsonAsync("/api/v1/visits", visit)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetJsonAsync($"/api/v1/visits?creditCode={code}")).Json!.AsArray().Count.ShouldBe(0);
        using var officer = await Sessions.LoginAsync(app, "sc-county");
        (await officer.PostJsonAsync("/api/v1/visits", visit)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.GetJsonAsync($"/api/v1/visits?creditCode={code}")).Json!.AsArray().Count.ShouldBe(1);
        using var enterprise = await Sessions.LoginAsync(app, user);
        // Visit notes are the officers' and commissioners' (need to know): the enterprise does not read them.
        (await enterprise.GetJsonAsync("/api/v1/visits")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "Visit" && a.CreditCode == code))).ShouldBe(1);
    }

    [Fact]
    public async Task On_time_statistics_equal_a_count_of_the_stored_requests()
    {
        var (_, user) = await EnterpriseWithUserAsync(9207);
        var (_, gsUser) = await EnterpriseWithUserAsync(9208, "330105");
        var a = (await AtAsync(Wednesday, user, c => c.PostJsonAsync("/api/v1/requests", Body("training")))).Json!["id"]!.GetValue<long>();
        (await AtAsync(Wednesday, user, c => c.PostJsonAsync("/api/v1/requests", Body("testing")))).Status.ShouldBe(HttpStatusCode.Created);
        var b = (await AtAsync(Wednesday, gsUser, c => c.PostJsonAsync("/api/v1/requests", Body("legal")))).Json!["id"]!.GetValue<long>();
        (await AtAsync(Wednesday.AddDays(2), "sc-county", c => c.PostJsonAsync($"/api/v1/requests/{a}/replies", new JsonObject { ["text"] = "已办", ["revision"] = 0 }))).Status.ShouldBe(HttpStatusCode.OK);
        (await AtAsync(Wednesday.AddDays(9), "hz-city", c => c.PostJsonAsync($"/api/v1/requests/{b}/replies", new JsonObject { ["text"] = "已办", ["revision"] = 1 }))).Status.ShouldBe(HttpStatusCode.OK);

        var stats = await AtAsync(Wednesday.AddDays(9), "zj-province", c => c.GetJsonAsync("/api/v1/requests/stats?by=county"));
        stats.Status.ShouldBe(HttpStatusCode.OK, stats.Text);
        var got = stats.Json!.AsArray().Select(r => (Region: r!["regionCode"]!.GetValue<string>(), Month: r["month"]!.GetValue<string>(),
            Raised: r["raised"]!.GetValue<int>(), Answered: r["answered"]!.GetValue<int>(), OnTime: r["answeredOnTime"]!.GetValue<int>())).ToList();

        // Independently: every stored request of Zhejiang, grouped here by county and the China month it was raised.
        var stored = await app.WithDbAsync(db => db.EnterpriseRequests.AsNoTracking().Include(r => r.Enterprise).Where(r => r.Enterprise.ProvinceCode == "330000").ToListAsync());
        var expected = stored
            .GroupBy(r => (r.Enterprise.RegionCode, Month: r.SubmittedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
            .Select(g => (Region: g.Key.RegionCode, g.Key.Month, Raised: g.Count(),
                Answered: g.Count(r => r.FirstRepliedAt != null),
                OnTime: g.Count(r => r.FirstRepliedAt is { } at && DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime) <= r.FirstDueOn)))
            .ToList();
        got.ShouldBe(expected, ignoreOrder: true);
        // This test's own month holds at least its two answers: one on time (上城区), one late (拱墅区, after escalation).
        var month = Wednesday.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        got.Single(r => r.Region == "330102" && r.Month == month).OnTime.ShouldBeGreaterThanOrEqualTo(1);
        var gs = got.Single(r => r.Region == "330105" && r.Month == month);
        (gs.Answered - gs.OnTime).ShouldBeGreaterThanOrEqualTo(1);
        (await AtAsync(Wednesday.AddDays(9), "zj-province", c => c.GetJsonAsync("/api/v1/requests/stats?by=town"))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_request_whose_deadline_falls_in_a_year_without_a_holiday_arrangement_is_refused_and_nothing_is_written()
    {
        var (code, user) = await EnterpriseWithUserAsync(9209);
        var clock = new FakeTimeProvider(new DateTimeOffset(new DateTime(2026, 12, 28, 10, 0, 0, DateTimeKind.Unspecified), TimeSpan.FromHours(8)).ToUniversalTime());
        await using var host = app.App.WithClock(clock, s => s.AddSingleton(Tidu.Rules.Calendar.WorkingDayCalendar.LoadDefault()));
        using var client = await Sessions.LoginAsync(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress }), user);
        var refused = await client.PostJsonAsync("/api/v1/requests", Body("finance"));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.Text);
        refused.Json!["title"]!.GetValue<string>().ShouldContain("2027年的节假日安排尚未收录");
        (await app.WithDbAsync(db => db.EnterpriseRequests.CountAsync(r => r.Enterprise.CreditCode == code))).ShouldBe(0);
    }

    private async Task<(string Code, string User)> EnterpriseWithUserAsync(int serial, string region = "330102")
    {
        var code = await ServiceTestData.EnterpriseAsync(app, region, serial);
        return (code, await ServiceTestData.EnterpriseUserAsync(app, code));
    }

    private static JsonObject Body(string category) => new() { ["category"] = category, ["title"] = "测试诉求", ["description"] = "测试诉求内容" };

    private WebApplicationFactory<Program> Host => _host ??= app.App.WithWebHostBuilder(b => b
        .UseSetting("Service:EscalationCheckMinutes", "0")
        .ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            // The daily re-evaluation keeps the shared app's date: moving the fake clock must not re-evaluate every enterprise.
            s.AddSingleton(sp => new Tidu.Application.Screening.EvaluationRefresh(sp.GetRequiredService<Tidu.Application.ISystemRunner>(), app.Clock,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Tidu.Application.Screening.EvaluationRefresh>>()));
        }));

    /// <summary>Moves the clock to 10:00 China time on <paramref name="day"/> (never back), signs <paramref name="user"/> in and acts.</summary>
    private async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> AtAsync(DateOnly day, string user, Func<HttpClient, Task<(HttpStatusCode, JsonNode?, string)>> act)
    {
        SetDay(day);
        using var client = await Sessions.LoginAsync(Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress }), user);
        return await act(client);
    }

    private Task<int> RunCheckAsync(DateOnly day)
    {
        SetDay(day);
        return Host.Services.GetRequiredService<Tidu.Application.Service.RequestEscalator>().EscalateOverdueAsync(CancellationToken.None);
    }

    private void SetDay(DateOnly day)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
        if (at != _clock.GetUtcNow())
        {
            _clock.SetUtcNow(at);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    private Task<string> LevelAsync(long id) => app.WithDbAsync(db => db.EnterpriseRequests.Where(r => r.Id == id).Select(r => r.Level).SingleAsync());

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

[Collection(SqliteApp.Name)]
public sealed class SqliteRequestTests(SqliteAppFixture app) : RequestTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresRequestTests(PostgresAppFixture app) : RequestTests(app);
