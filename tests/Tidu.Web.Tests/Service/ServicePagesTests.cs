using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Service;

/// <summary>
/// The request page (/Service/Requests/{id}) and the visits page (/Service/Visits) posted as a browser would: a county
/// officer replies, the enterprise closes with a rating, a commissioner logs a visit; each change is read back from
/// the stored rows, and a refusal is shown in Chinese without saving anything.
/// </summary>
public abstract partial class ServicePagesTests(TiduAppFixture app)
{
    private static readonly DateOnly Today = TestClock.Today;

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var r = await client.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Posts a form of <paramref name="pageHtml"/> with its antiforgery token; a redirect (saved) is followed.</summary>
    private static async Task<(HttpStatusCode Status, string Html)> PostFormAsync(HttpClient client, string url, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = PageForms.AntiforgeryToken(pageHtml);
        using var form = new FormUrlEncodedContent(fields);
        using var r = await client.PostAsync(Http.Url(url), form, TestContext.Current.CancellationToken);
        if (r.StatusCode == HttpStatusCode.Redirect)
        {
            return (r.StatusCode, await GetAsync(client, r.Headers.Location!.OriginalString));
        }
        return (r.StatusCode, await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static string Revision(string html) => Regex.Match(html, "data-revision=\"(\\d+)\"").Groups[1].Value;

    [Fact]
    public async Task An_officer_replies_on_the_page_and_the_enterprise_closes_with_satisfaction()
    {
        var code = await ServiceTestData.EnterpriseAsync(app, "330102", 9311);
        using var enterprise = await Sessions.LoginAsync(app, await ServiceTestData.EnterpriseUserAsync(app, code));
        var raised = await enterprise.PostJsonAsync("/api/v1/requests", new JsonObject { ["category"] = "finance", ["title"] = "页面测试诉求", ["description"] = "需要贷款对接" });
        raised.Status.ShouldBe(HttpStatusCode.Created, raised.Text);
        var id = raised.Json!["id"]!.GetValue<long>();
        var url = $"/Service/Requests/{id}";

        // The list links to the page; the page shows the deadline and level, and the officer's forms, not the enterprise's.
        using var officer = await Sessions.LoginAsync(app, "sc-county");
        (await GetAsync(officer, "/Service/Requests")).ShouldContain($"href=\"{url}\"");
        var page = await GetAsync(officer, url);
        page.ShouldContain("data-testid=\"reply-form\"");
        page.ShouldNotContain("data-testid=\"close-form\"");
        page.ShouldContain($"data-testid=\"due\">{raised.Json!["dueOn"]!.GetValue<string>()}<");

        // An empty reply is refused in Chinese and nothing is saved.
        var empty = await PostFormAsync(officer, url + "?handler=Reply", page, new() { ["Revision"] = Revision(page), ["ReplyText"] = " " });
        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.Html.ShouldContain("请填写答复内容");
        (await app.WithDbAsync(db => db.EnterpriseRequests.Where(r => r.Id == id).Select(r => r.FirstRepliedAt).SingleAsync())).ShouldBeNull();

        var replied = await PostFormAsync(officer, url + "?handler=Reply", page, new() { ["Revision"] = Revision(page), ["ReplyText"] = "已对接合作银行" });
        replied.Status.ShouldBe(HttpStatusCode.Redirect);
        replied.Html.ShouldContain("已对接合作银行");
        // The same form again, at the old revision, is refused: the view was stale.
        var stale = await PostFormAsync(officer, url + "?handler=Reply", page, new() { ["Revision"] = Revision(page), ["ReplyText"] = "重复答复" });
        stale.Html.ShouldContain("请刷新后重试");

        // The enterprise sees the close form; a rating outside 1–5 is refused, 4 closes it.
        var own = await GetAsync(enterprise, url);
        own.ShouldContain("data-testid=\"close-form\"");
        own.ShouldNotContain("data-testid=\"reply-form\"");
        var bad = await PostFormAsync(enterprise, url + "?handler=Close", own, new() { ["Revision"] = Revision(own), ["Satisfaction"] = "6" });
        bad.Html.ShouldContain("满意度应为1至5分");
        var closed = await PostFormAsync(enterprise, url + "?handler=Close", own, new() { ["Revision"] = Revision(own), ["Satisfaction"] = "4" });
        closed.Status.ShouldBe(HttpStatusCode.Redirect);
        closed.Html.ShouldContain("data-testid=\"satisfaction\">4<");

        var stored = await app.WithDbAsync(db => db.EnterpriseRequests.Include(r => r.Entries).SingleAsync(r => r.Id == id));
        stored.Status.ShouldBe(Tidu.Data.Entities.Service.RequestStatus.Closed);
        stored.Satisfaction.ShouldBe(4);
        stored.Entries.Select(e => e.Kind).ShouldBe(["submit", "reply", "close"], ignoreOrder: true);
        stored.Entries.Single(e => e.Kind == "reply").Actor.ShouldBe("sc-county");

        // An officer of another county cannot open it.
        using var other = await Sessions.LoginAsync(app, "gs-county");
        using var hidden = await other.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_commissioner_logs_a_visit_on_the_page_and_sees_it_listed()
    {
        var code = await ServiceTestData.EnterpriseAsync(app, "330102", 9312);
        using var commissioner = await Sessions.LoginAsync(app, "sc-commissioner");
        var page = await GetAsync(commissioner, "/Service/Visits");
        page.ShouldContain("data-testid=\"visit-form\"");
        var day = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // A visit tomorrow is refused in Chinese and nothing is saved.
        var future = await PostFormAsync(commissioner, "/Service/Visits", page, new()
        {
            ["VisitedOn"] = Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["CreditCode"] = code,
            ["Notes"] = "未来的走访",
        });
        future.Status.ShouldBe(HttpStatusCode.OK);
        future.Html.ShouldContain("走访日期必填且不能晚于今天");

        var logged = await PostFormAsync(commissioner, "/Service/Visits", page, new()
        {
            ["VisitedOn"] = day,
            ["CreditCode"] = code,
            ["Notes"] = "页面登记走访",
            ["IssuesFound"] = "用工紧张",
            ["IssuesSolved"] = "1",
        });
        logged.Status.ShouldBe(HttpStatusCode.Redirect);
        logged.Html.ShouldContain($"data-credit-code=\"{code}\"");
        logged.Html.ShouldContain("页面登记走访");

        var stored = await app.WithDbAsync(db => db.Visits.Where(v => v.Enterprise.CreditCode == code).ToListAsync());
        stored.Count.ShouldBe(1);
        stored[0].Commissioner.ShouldBe("sc-commissioner");
        stored[0].IssuesFound.ShouldBe("用工紧张");
        stored[0].VisitedOn.ShouldBe(Today);

        // The county officer lists it but has no form; 拱墅区's officer does not see it.
        var county = await GetAsync(await Sessions.LoginAsync(app, "sc-county"), "/Service/Visits");
        county.ShouldContain($"data-credit-code=\"{code}\"");
        county.ShouldNotContain("data-testid=\"visit-form\"");
        (await GetAsync(await Sessions.LoginAsync(app, "gs-county"), "/Service/Visits")).ShouldNotContain($"data-credit-code=\"{code}\"");
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteServicePagesTests(SqliteAppFixture app) : ServicePagesTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresServicePagesTests(PostgresAppFixture app) : ServicePagesTests(app);
