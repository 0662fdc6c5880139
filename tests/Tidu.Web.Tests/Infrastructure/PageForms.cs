using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>Reading a server-rendered page and posting one of its forms as a browser would (with the page's antiforgery token).</summary>
public static partial class PageForms
{
    public static async Task<string> GetPageAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var r = await client.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<(HttpStatusCode Status, string Html)> PostFormAsync(this HttpClient client, string url, string pageHtml, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var all = fields.Append(new("__RequestVerificationToken", AntiforgeryToken(pageHtml)));
        using var form = new FormUrlEncodedContent(all);
        using var r = await client.PostAsync(Http.Url(url), form, TestContext.Current.CancellationToken);
        return (r.StatusCode, await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The text of the element with the test id (up to its first child element), decoded and trimmed; "" when absent.</summary>
    public static string TestIdText(string html, string testId) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>([^<]*)<").Groups[1].Value.Trim());

    /// <summary>The antiforgery token of a page's form, for a post built by hand (a multipart upload).</summary>
    public static string AntiforgeryToken(string pageHtml) => WebUtility.HtmlDecode(TokenField().Match(pageHtml).Groups[1].Value);

    public static bool HasTestId(string html, string testId) => html.Contains($"data-testid=\"{testId}\"", StringComparison.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
