using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Api;

/// <summary>
/// A recognition makes its awards claimable: the file's awards, computed by the policy rule files,
/// gain the one-time award its new tier triggers — in the API and on the file page. Hubei's measures (湖北若干措施 九) give a national little giant a
/// one-time award of 50 万元 (“给予50万元一次性奖励”).
/// </summary>
public abstract class AwardsTests(TiduAppFixture app)
{
    [Fact]
    public async Task A_little_giant_recognition_in_Hubei_makes_the_one_time_award_of_50_claimable()
    {
        var code = CreditCodes.For("420106", 9107);
        using var officer = await Sessions.LoginAsync(app, "hb-province");
        var today = TestClock.Today;
        var profile = Profiles.Minimal(code, "测试奖励光电有限公司", "420106");
        (await officer.PutJsonAsync($"/api/v1/enterprises/{code}", profile)).Status.ShouldBe(HttpStatusCode.OK);

        var before = await officer.GetJsonAsync($"/api/v1/enterprises/{code}/awards");
        before.Status.ShouldBe(HttpStatusCode.OK, before.Text);
        Clauses(before.Json!).ShouldNotContain("hb-little-giant");
        (await PageAmountAsync(officer, code, "hb-little-giant")).ShouldBeNull("the file page lists no such award before the recognition");

        // The recognition comes from the issuing authority's official list, entered by the province's officer.
        using var admin = await Sessions.LoginAsync(app, "hb-province");
        var listed = await admin.PostJsonAsync("/api/v1/recognitions/official-lists", new JsonObject
        {
            ["tier"] = "little-giant",
            ["issuer"] = "工业和信息化部",
            ["documentNumber"] = "测试名单〔" + code + "〕",
            ["recognizedOn"] = today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["validUntil"] = today.AddDays(-10).AddYears(3).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["creditCodes"] = new JsonArray(code),
        });
        listed.Status.ShouldBe(HttpStatusCode.Created, listed.Text);

        var after = await officer.GetJsonAsync($"/api/v1/enterprises/{code}/awards");
        after.Status.ShouldBe(HttpStatusCode.OK, after.Text);
        var claim = after.Json!["claims"]!.AsArray().Single(c => (string?)c!["clause"] == "hb-little-giant")!;
        claim["amount"]!.GetValue<decimal>().ShouldBe(50m);
        ((string?)claim["cite"] ?? claim.ToJsonString()).ShouldContain("湖北若干措施 九");
        // The file page shows the same claim, with its amount and citation.
        (await PageAmountAsync(officer, code, "hb-little-giant")).ShouldBe("50");
        // And the support without an amount the recognition opens: 湖北若干措施 三, the IP green channel.
        var green = after.Json!["services"]!.AsArray().Single(c => (string?)c!["clause"] == "hb-ip-green-channel")!;
        ((string?)green["benefit"]).ShouldNotBeNull().ShouldContain("知识产权事务办理绿色通道");
        var html = await (await officer.GetAsync($"/Enterprises/{code}", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var item = System.Text.RegularExpressions.Regex.Match(html, "<li data-service=\"hb-ip-green-channel\">(.*?)</li>", System.Text.RegularExpressions.RegexOptions.Singleline);
        item.Success.ShouldBeTrue("the file page lists the non-monetary support");
        item.Groups[1].Value.ShouldContain("知识产权事务办理绿色通道");
        item.Groups[1].Value.ShouldContain("湖北若干措施 三");
        html.ShouldContain("可享受的非资金支持");
    }

    /// <summary>The amount cell of the clause's row in the file page's awards section, or null when the page has no such row.</summary>
    private static async Task<string?> PageAmountAsync(HttpClient client, string code, string clause)
    {
        var page = await client.GetAsync($"/Enterprises/{code}", TestContext.Current.CancellationToken);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        html.ShouldContain("data-testid=\"awards\"");
        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-clause=\"{clause}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        if (!row.Success)
        {
            return null;
        }
        row.Groups[1].Value.ShouldContain("湖北若干措施 九");
        return System.Text.RegularExpressions.Regex.Match(row.Groups[1].Value, "data-testid=\"award-amount\">([^<]*)<").Groups[1].Value.Trim();
    }

    [Fact]
    public async Task Another_regions_officer_gets_404_for_the_awards_of_a_file()
    {
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        (await officer.GetJsonAsync($"/api/v1/enterprises/{KnownEnterprises.Jiang_an.CreditCode}/awards")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private static List<string?> Clauses(JsonNode awards) =>
        awards["claims"]!.AsArray().Select(c => (string?)c!["clause"]).ToList();
}

[Collection(SqliteApp.Name)]
public sealed class SqliteAwardsTests(SqliteAppFixture app) : AwardsTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresAwardsTests(PostgresAppFixture app) : AwardsTests(app);
