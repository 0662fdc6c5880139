using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// In front of the app's pipeline, for tests only: GET /__test/antiforgery hands the signed-in caller an
/// antiforgery request token (and its cookie) through the app's own IAntiforgery — what a page with a form would
/// embed — so the tests can send cookie-authenticated API writes the way the browser does; and the header
/// <see cref="RemoteAddressHeader"/> sets the connection's remote address, which the in-memory test server leaves
/// empty (a test speaks "from" an address, or "through" a proxy with X-Forwarded-For). Without it a request comes
/// from the loopback address, as from a proxy on the same machine.
/// </summary>
internal sealed class TestEndpoints : IStartupFilter
{
    public const string AntiforgeryPath = "/__test/antiforgery";

    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    /// <summary>A client of <paramref name="host"/> whose requests come from <paramref name="address"/>; it keeps cookies and does not follow redirects.</summary>
    public static HttpClient ClientFrom(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host, string address)
    {
        ArgumentNullException.ThrowIfNull(host);
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress });
        client.DefaultRequestHeaders.Add(RemoteAddressHeader, address);
        return client;
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var remote) && System.Net.IPAddress.TryParse(remote.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            if (context.Request.Path == AntiforgeryPath)
            {
                // Runs before the app's authentication middleware: authenticate here so the token is bound to the user.
                var auth = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
                if (auth.Succeeded)
                {
                    context.User = auth.Principal;
                }
                var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
                await context.Response.WriteAsync(tokens.RequestToken ?? "").ConfigureAwait(false);
                return;
            }
            await nextMiddleware(context).ConfigureAwait(false);
        });
        next(app);
    };
}
