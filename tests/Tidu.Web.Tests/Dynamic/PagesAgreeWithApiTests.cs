using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Dynamic;

/// <summary>
/// The recognitions page and the pools page answer as /api/v1/recognitions and /api/v1/pools do, because both call the
/// same use case: a recognition that ended long ago is listed by both; a blank exit reason, a code that is not a proposal
/// and an administrator are refused by both (the first two with the same Chinese message).
/// </summary>
public abstract class PagesAgreeWithApiTests(TiduAppFixture app)
{
    // A fixed day of the host's clock, years after the recognitions seeded here and in a month no other test enters or
    // takes out pool members (the pool tests count a month's movements).
    private static readonly DateOnly Day = new(2036, 9, 9);

    private async Task<(WebApplicationFactory<Program> Host, HttpClient Client)> AtAsync(string user)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime());
        var host = app.App.WithClock(clock);
        var client = await Sessions.LoginAsync(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress }), user);
        return (host, client);
    }

    [Fact]
    public async Task A_recognition_that_ended_years_ago_is_expired_on_the_page_as_in_the_api()
    {
        // Ended more than a year before the day: the page used to look only a year back.
        var id = await DynamicHarness.SeedRecognitionAsync(app, KnownEnterprises.Shangcheng.CreditCode, "innovative-sme", new DateOnly(2027, 1, 1), new DateOnly(2030, 12, 31));
        var (host, province) = await AtAsync("zj-province");
        await using (host)
        using (province)
        {
            var (status, json, text) = await province.GetJsonAsync("/api/v1/recognitions?status=expired&take=1000");
            status.ShouldBe(HttpStatusCode.OK, text);
            json!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ShouldContain(id);

            // The page shows the API's rows a page of the list at a time: the recognition is on one of its pages.
            var link = $"/Enterprises/{KnownEnterprises.Shangcheng.CreditCode}";
            string? found = null;
            for (var n = 1; found is null && n <= Tidu.Application.Dynamic.Recognitions.MaxTake / Paging.DefaultSize; n++)
            {
                var page = await province.GetPageAsync($"/Recognitions?status=expired&page={n}");
                if (page.Contains(link, StringComparison.Ordinal))
                {
                    found = page;
                }
            }
            found.ShouldNotBeNull("no page of expired recognitions lists the file");
            found.ShouldContain("2030-12-31");
        }
    }

    [Fact]
    public async Task An_unknown_status_is_refused_by_the_page_as_by_the_api()
    {
        var (host, province) = await AtAsync("zj-province");
        await using (host)
        using (province)
        {
            var api = await province.GetJsonAsync("/api/v1/recognitions?status=lapsed");
            api.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, api.Text);
            api.Json!["titleZh"]!.GetValue<string>().ShouldBe("认定状态无效");
            api.Json!["code"]!.GetValue<string>().ShouldBe("recognition.unknown-status");
            PageForms.TestIdText(await province.GetPageAsync("/Recognitions?status=lapsed"), "error").ShouldBe("认定状态无效");
        }
    }

    [Fact]
    public async Task A_blank_exit_reason_is_refused_by_the_pools_page_as_by_the_api_and_the_member_stays()
    {
        var (host, province) = await AtAsync("zj-province");
        await using (host)
        using (province)
        {
            var entered = await province.PostJsonAsync("/api/v1/pools/entries", new JsonObject
            {
                ["creditCode"] = KnownEnterprises.Shangcheng.CreditCode,
                ["tier"] = "little-giant",
                ["pool"] = "nurture",
                ["reason"] = "页面与接口一致性测试",
            });
            entered.Status.ShouldBe(HttpStatusCode.Created, entered.Text);
            var stay = entered.Json!["id"]!.GetValue<long>();

            var api = await province.PostJsonAsync($"/api/v1/pools/{stay}/exit", new JsonObject { ["reason"] = "  " });
            api.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, api.Text);
            var form = await province.GetPageAsync("/Pools?tier=little-giant");
            var (status, html) = await province.PostFormAsync($"/Pools?handler=Exit&id={stay}&tier=little-giant", form, [new("reason", "  ")]);
            status.ShouldBe(HttpStatusCode.OK);
            PageForms.TestIdText(html, "error").ShouldBe(api.Json!["titleZh"]!.GetValue<string>());
            (await app.WithDbAsync(db => db.PoolMemberships.SingleAsync(m => m.Id == stay))).ExitedOn.ShouldBeNull();
            (await province.PostJsonAsync($"/api/v1/pools/{stay}/exit", new JsonObject { ["reason"] = "测试结束" })).Status.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_code_that_is_not_a_proposal_is_refused_by_the_pools_page_as_by_the_api()
    {
        var (host, province) = await AtAsync("zj-province");
        await using (host)
        using (province)
        {
            // Hubei's enterprise is outside the Zhejiang officer's scope: never a proposal of theirs.
            var code = KnownEnterprises.Jiang_an.CreditCode;
            var api = await province.PostJsonAsync("/api/v1/pools/proposals/accept", new JsonObject { ["tier"] = "specialized-sme", ["creditCodes"] = new JsonArray(code) });
            api.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, api.Text);
            var form = await province.GetPageAsync("/Pools?tier=specialized-sme");
            var (status, html) = await province.PostFormAsync("/Pools?handler=Accept&tier=specialized-sme", form, [new("creditCode", code)]);
            status.ShouldBe(HttpStatusCode.OK);
            PageForms.TestIdText(html, "error").ShouldBe(api.Json!["titleZh"]!.GetValue<string>());
            PageForms.TestIdText(html, "error").ShouldContain(code);
        }
    }

    [Fact]
    public async Task The_system_administrator_is_refused_pools_by_the_page_as_by_the_api()
    {
        var (host, admin) = await AtAsync("sysadmin");
        await using (host)
        using (admin)
        {
            // 三员分立: no administrator reads or changes pools, neither through the API nor through the page.
            var api = await admin.PostJsonAsync("/api/v1/pools/proposals/accept", new JsonObject { ["tier"] = "specialized-sme", ["creditCodes"] = new JsonArray(KnownEnterprises.Shangcheng.CreditCode) });
            api.Status.ShouldBe(HttpStatusCode.Forbidden, api.Text);
            (await admin.GetJsonAsync("/api/v1/pools")).Status.ShouldBe(HttpStatusCode.Forbidden);
            using var page = await admin.GetAsync(Http.Url("/Pools?tier=specialized-sme"), TestContext.Current.CancellationToken);
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            page.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        }
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqlitePagesAgreeWithApiTests(SqliteAppFixture app) : PagesAgreeWithApiTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresPagesAgreeWithApiTests(PostgresAppFixture app) : PagesAgreeWithApiTests(app);
