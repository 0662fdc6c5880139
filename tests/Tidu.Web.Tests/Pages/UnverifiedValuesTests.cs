using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Pages;

/// <summary>
/// The enterprise file marks every check whose value was not verified against its source text with 待核实, and only
/// those. The expectations are read off the rule files' verification records: the single champion's 2023 version is
/// verified as a whole but lists its years in the field, market position and sales share as seen only in secondary
/// sources; the specialized SME's versions are unverified as a whole, so each of their checks is marked.
/// </summary>
public abstract partial class UnverifiedValuesTests(TiduAppFixture app)
{
    [Fact]
    public async Task Each_check_row_says_whether_its_value_is_still_to_be_verified()
    {
        using var county = await Sessions.LoginAsync(app, "sc-county");
        using var response = await county.GetAsync(Http.Url($"/Enterprises/{KnownEnterprises.Shangcheng.CreditCode}"), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var champion = Rows(html, "single-champion-enterprise");
        Marked(champion, "从事相关细分领域10年及以上").ShouldBeTrue();
        Marked(champion, "申请产品市场占有率位居全球前3或国内第1").ShouldBeTrue();
        Marked(champion, "在中华人民共和国境内工商注册登记").ShouldBeFalse();
        Marked(champion, "未被列入严重失信主体名单").ShouldBeFalse();

        var specialized = Rows(html, "specialized-sme");
        specialized.ShouldNotBeEmpty();
        specialized.ShouldAllBe(r => r.Unverified);
    }

    private static bool Marked(IReadOnlyList<Row> rows, string title) =>
        rows.Where(r => r.Title.StartsWith(title, StringComparison.Ordinal)).ShouldHaveSingleItem($"no single check row titled {title}").Unverified;

    /// <summary>The rows of the tier's table of every check: title (first cell) and whether the citation cell is marked.</summary>
    private static List<Row> Rows(string html, string tier)
    {
        var section = Regex.Match(html, $"<section[^>]*data-testid=\"tier-{Regex.Escape(tier)}\">(.*?)</section>", RegexOptions.Singleline);
        section.Success.ShouldBeTrue($"the file shows no section for {tier}");
        var table = Regex.Match(section.Groups[1].Value, "<table[^>]*data-testid=\"checks\">(.*?)</table>", RegexOptions.Singleline);
        table.Success.ShouldBeTrue($"the {tier} section has no table of checks");
        return [.. TableRow().Matches(table.Groups[1].Value).Select(m => new Row(
            WebUtility.HtmlDecode(m.Groups["title"].Value).Trim(),
            m.Groups["cite"].Value.Contains("data-testid=\"unverified\"", StringComparison.Ordinal) && m.Groups["cite"].Value.Contains("待核实", StringComparison.Ordinal)))];
    }

    private sealed record Row(string Title, bool Unverified);

    [GeneratedRegex("<tr class=\"(?:pass|fail)\">\\s*<td>(?<title>[^<]*)</td>.*?<td class=\"cite\">(?<cite>.*?)</td>\\s*</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();
}

[Collection(SqliteApp.Name)]
public sealed class SqliteUnverifiedValuesTests(SqliteAppFixture app) : UnverifiedValuesTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresUnverifiedValuesTests(PostgresAppFixture app) : UnverifiedValuesTests(app);
