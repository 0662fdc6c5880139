using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// A browser for sign-ins that cross sites (the platform and an identity provider): it sends each request to the
/// in-process server of its host, keeps each host's cookies, and expires them on the test's clock — the platform sets
/// cookie lifetimes (the sign-in's correlation and nonce cookies) from its clock, which the machine's clock that
/// <see cref="CookieContainer"/> uses knows nothing of. It never follows redirects: each step is an answer to check.
/// </summary>
public sealed partial class TestBrowser(TimeProvider clock, IReadOnlyDictionary<string, Func<HttpMessageHandler>> hosts) : DelegatingHandler
{
    private readonly Dictionary<string, Dictionary<string, (string Value, DateTimeOffset? Expires)>> _jars = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HttpMessageInvoker> _servers = new(StringComparer.OrdinalIgnoreCase);

    public static HttpClient Open(TimeProvider clock, WebApplicationFactory<Program> platform, TestIdentityProvider idp)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(idp);
        var browser = new TestBrowser(clock, new Dictionary<string, Func<HttpMessageHandler>>
        {
            ["localhost"] = () => platform.Server.CreateHandler(),
            [new Uri(TestIdentityProvider.Issuer).Host] = idp.Handler,
        });
        return new HttpClient(browser) { BaseAddress = TiduAppFixture.BaseAddress };
    }

    /// <summary>The names of the cookies the browser holds for <paramref name="host"/> (unexpired).</summary>
    public IReadOnlyList<string> CookieNames(string host) => _jars.TryGetValue(host, out var jar) ? [.. Live(jar).Select(c => c.Key)] : [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = request.RequestUri!.Host;
        if (!_servers.TryGetValue(host, out var server))
        {
            server = _servers[host] = new HttpMessageInvoker(hosts[host]());
        }
        if (!_jars.TryGetValue(host, out var jar))
        {
            jar = _jars[host] = new(StringComparer.Ordinal);
        }
        var cookies = Live(jar).Select(c => c.Key + "=" + c.Value.Value).ToList();
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies));
        }
        var response = await server.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var line in set)
            {
                Store(jar, line);
            }
        }
        return response;
    }

    private IEnumerable<KeyValuePair<string, (string Value, DateTimeOffset? Expires)>> Live(Dictionary<string, (string Value, DateTimeOffset? Expires)> jar) =>
        jar.Where(c => c.Value.Expires is not { } e || e > clock.GetUtcNow());

    private void Store(Dictionary<string, (string Value, DateTimeOffset? Expires)> jar, string line)
    {
        var parts = line.Split(';', StringSplitOptions.TrimEntries);
        var eq = parts[0].IndexOf('=', StringComparison.Ordinal);
        var name = parts[0][..eq];
        var value = parts[0][(eq + 1)..];
        DateTimeOffset? expires = null;
        foreach (var attribute in parts.Skip(1))
        {
            if (attribute.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(attribute[8..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                expires = at;
            }
            else if (attribute.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase) && long.TryParse(attribute[8..], out var seconds))
            {
                expires = clock.GetUtcNow().AddSeconds(seconds);
            }
        }
        if (expires is { } e && e <= clock.GetUtcNow() || value.Length == 0)
        {
            jar.Remove(name);
            return;
        }
        jar[name] = (value, expires);
    }

    /// <summary>The hidden fields and the action of the (first) form in an HTML answer, as a browser would post them.</summary>
    public static (string Action, List<KeyValuePair<string, string>> Fields) Form(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        var fields = HiddenInput().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        return (action, fields);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var server in _servers.Values)
            {
                server.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
