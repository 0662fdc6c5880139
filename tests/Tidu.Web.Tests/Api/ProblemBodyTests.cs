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

    [Fact]
    public async Task An_unknown_enterprise_is_a_not_found_with_the_Chinese_title_as_its_message()
    {
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, text) = await officer.GetJsonAsync($"/api/v1/enterprises/{CreditCodes.For("330106", 9743)}");
        status.ShouldBe(HttpStatusCode.NotFound, text);
        var problem = Problem(json, text);
        problem.Code.ShouldBe("http.not-found");
        problem.TitleZh.ShouldBe("未找到该企业（或不在您的管辖区域内）");
        problem.TitleZh.ShouldBe(problem.Title);
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
        problem.Code.ShouldBe("http.bad-request");
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

    private static (string Code, string TitleZh, string Title) Problem(JsonNode? json, string text)
    {
        json.ShouldNotBeNull(text);
        return ((string?)json["code"] ?? "", (string?)json["titleZh"] ?? "", (string?)json["title"] ?? "");
    }
}
