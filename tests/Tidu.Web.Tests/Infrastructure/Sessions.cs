using System.Net;
using System.Text.RegularExpressions;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>Signed-in HTTP clients: through the real login page (form post with its antiforgery token), or with an API key.</summary>
public static partial class Sessions
{
    public const string CsrfHeader = "X-CSRF-TOKEN";

    /// <summary>
    /// Signs <paramref name="userName"/> in through /Account/Login and returns a client that carries the cookie and
    /// the antiforgery header cookie-authenticated API writes need.
    /// </summary>
    public static async Task<HttpClient> LoginAsync(TiduAppFixture app, string userName, string password = TiduAppFixture.DemoPassword)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await LoginAsync(app.NewClient(), userName, password).ConfigureAwait(false);
    }

    /// <summary>The same sign-in on a client of another host (e.g. one with a fake clock) of the same app.</summary>
    public static async Task<HttpClient> LoginAsync(HttpClient client, string userName, string password = TiduAppFixture.DemoPassword)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (status, _) = await PostLoginAsync(client, userName, password).ConfigureAwait(false);
        if (status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"login of {userName} answered {(int)status}, expected the redirect of a sign-in");
        }
        client.DefaultRequestHeaders.Add(CsrfHeader, await client.GetStringAsync(new Uri(TestEndpoints.AntiforgeryPath, UriKind.Relative)).ConfigureAwait(false));
        return client;
    }

    /// <summary>Posts the login form as a browser would; the status and body of the answer (302 on success).</summary>
    public static async Task<(HttpStatusCode Status, string Body)> PostLoginAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative)).ConfigureAwait(false);
        page.EnsureSuccessStatusCode();
        var html = await page.Content.ReadAsStringAsync().ConfigureAwait(false);
        var token = PageForms.AntiforgeryToken(html);
        if (token.Length == 0)
        {
            throw new InvalidOperationException("the login page carries no antiforgery token field");
        }
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        using var answer = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), form).ConfigureAwait(false);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public static HttpClient WithApiKey(TiduAppFixture app, string key)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
