using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Api;

/// <summary>
/// Every refusal of the API is problem details (RFC 9457) with a stable <c>code</c> a program can branch on and the
/// Chinese message alone in <c>titleZh</c> — whether a use case refused (its own code) or the platform did
/// (unauthenticated, a missing antiforgery token, an unknown enterprise: one code per status).
/// </summary>
[Collection(SqliteApp.Name)]
public sealed class ProblemBodyTests(SqliteAppFixture app)
{
    [Fact]
    public async Task A_call_without_a_principal_is_refused_with_a_code_and_a_Chinese_message()
    {
        using var anonymous = app.NewClient();
        var (status, json, text) = await anonymous.GetJsonAsync("/api/v1/enterprises");
        status.ShouldBe(HttpStatusCode.Unauthorized, text);
        Problem(json, text).Code.ShouldBe("http.unauthenticated");
        Problem(json, text).TitleZh.ShouldBe("请先登录");
    }

    [Theory]
    [InlineData("")]
    [InlineData("/evaluation")]
    [InlineData("/gap")]
    [InlineData("/awards")]
    [InlineData("/audit")]
    [InlineData("/commissioner")]
    public async Task An_unknown_enterprise_is_the_same_not_found_on_every_endpoint_of_a_file(string tail)
    {
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, text) = await officer.GetJsonAsync($"/api/v1/enterprises/{CreditCodes.For("330106", 9743)}{tail}");
        status.ShouldBe(HttpStatusCode.NotFound, text);
        var problem = Problem(json, text);
        problem.Code.ShouldBe("enterprise.not-found");
        problem.TitleZh.ShouldBe("未找到该企业（或不在您的管辖区域内）");
        problem.Title.ShouldStartWith(problem.TitleZh + " (");
    }

    [Fact]
    public async Task A_cookie_write_without_the_antiforgery_header_names_the_Chinese_part_of_its_bilingual_title()
    {
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        officer.DefaultRequestHeaders.Remove(Sessions.CsrfHeader);
        var code = CreditCodes.For("330106", 9744);
        var (status, json, text) = await officer.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "测试防伪令牌有限公司", "330106"));
        status.ShouldBe(HttpStatusCode.BadRequest, text);
        var problem = Problem(json, text);
        problem.Code.ShouldBe("request.antiforgery");
        // The title carries the English in brackets; the Chinese message is the part before it.
        problem.Title.ShouldStartWith(problem.TitleZh + " (");
        problem.TitleZh.ShouldBe("缺少或无效的防伪令牌");
    }

    [Fact]
    public async Task A_use_case_refusal_keeps_its_own_code()
    {
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, text) = await officer.GetJsonAsync("/api/v1/applications?state=no-such-state");
        status.ShouldBe(HttpStatusCode.UnprocessableEntity, text);
        var problem = Problem(json, text);
        problem.Code.ShouldNotStartWith("http.");
        problem.TitleZh.ShouldBe("申报状态无效");
    }

    // The refusals these endpoints once wrote by hand, each with its own code now (worked from what each refuses).
    [Theory]
    [InlineData("/api/v1/enterprises?page=0", HttpStatusCode.BadRequest, "list.page-out-of-range", "分页参数超出范围")]
    [InlineData("/api/v1/enterprises/export.xlsx?pageSize=100001", HttpStatusCode.BadRequest, "list.page-out-of-range", "分页参数超出范围")]
    [InlineData("/api/v1/monitoring/charts?on=2024-06-30&year=2025", HttpStatusCode.BadRequest, "monitoring.year-out-of-range", "统计年度无效")]
    [InlineData("/api/v1/imports/00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound, "import.not-found", "未找到该导入任务")]
    [InlineData("/api/v1/applications?state=approved", HttpStatusCode.UnprocessableEntity, "application.unknown-state", "申报状态无效")]
    [InlineData("/api/v1/requests?status=open", HttpStatusCode.UnprocessableEntity, "request.unknown-status", "状态应为")]
    public async Task A_refusal_of_an_officers_call_names_its_own_code(string url, HttpStatusCode expected, string code, string zhStart)
    {
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, text) = await officer.GetJsonAsync(url);
        status.ShouldBe(expected, text);
        var problem = Problem(json, text);
        problem.Code.ShouldBe(code);
        problem.TitleZh.ShouldStartWith(zhStart);
    }

    [Fact]
    public async Task A_date_before_every_rule_version_names_its_code()
    {
        using var officer = await Sessions.LoginAsync(app, "sc-county");
        var own = await Applicants.NewAsync(app, TestClock.Today);
        var (status, json, text) = await officer.GetJsonAsync($"/api/v1/enterprises/{own.CreditCode}/evaluation?asOf=1990-01-01");
        status.ShouldBe(HttpStatusCode.UnprocessableEntity, text);
        Problem(json, text).Code.ShouldBe("evaluation.no-rule-version");
    }

    [Fact]
    public async Task A_file_whose_credit_code_differs_from_the_url_names_its_code_and_field()
    {
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        var code = CreditCodes.For("330106", 9745);
        var (status, json, text) = await officer.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(CreditCodes.For("330106", 9746), "测试错码有限公司", "330106"));
        status.ShouldBe(HttpStatusCode.BadRequest, text);
        Problem(json, text).Code.ShouldBe("enterprise.credit-code-mismatch");
        json!["errors"]!["/creditCode"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("region=330200", "list.region-outside-key", "所请求的区域超出该密钥的授权区域")]
    [InlineData("tier=little-giant", "list.tier-outside-key", "所请求的梯度超出该密钥的授权范围")]
    public async Task A_list_key_asking_beyond_its_grant_names_its_code(string query, string code, string zh)
    {
        var key = await ApiKeys.CreateAsync(app, "330100", Data.Identity.ApiScopes.ListsRead, "bank", "specialized-sme");
        using var bank = Sessions.WithApiKey(app, key);
        var (status, json, text) = await bank.GetJsonAsync($"/api/v1/lists/enterprises?{query}");
        status.ShouldBe(HttpStatusCode.Forbidden, text);
        var problem = Problem(json, text);
        problem.Code.ShouldBe(code);
        problem.TitleZh.ShouldBe(zh);
    }

    [Fact]
    public async Task A_list_key_without_tiers_names_its_code()
    {
        var key = await ApiKeys.CreateAsync(app, "330100", Data.Identity.ApiScopes.ListsRead, "bank", "");
        using var bank = Sessions.WithApiKey(app, key);
        var (status, json, text) = await bank.GetJsonAsync("/api/v1/lists/enterprises");
        status.ShouldBe(HttpStatusCode.Forbidden, text);
        Problem(json, text).Code.ShouldBe("list.key-without-tiers");
    }

    private static (string Code, string TitleZh, string Title) Problem(JsonNode? json, string text)
    {
        json.ShouldNotBeNull(text);
        return ((string?)json["code"] ?? "", (string?)json["titleZh"] ?? "", (string?)json["title"] ?? "");
    }
}
