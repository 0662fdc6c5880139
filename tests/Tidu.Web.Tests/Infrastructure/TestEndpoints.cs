using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// In front of the app's pipeline: the connection's address (loopback), and one test-only endpoint: GET /__test/antiforgery hands the signed-in
/// caller an antiforgery request token (and its cookie) through the app's own IAntiforgery — what a page
/// with a form would embed — so the tests can send cookie-authenticated API writes the way the browser does.
/// </summary>
internal sealed class TestEndpoints : IStartupFilter
{
    public const string AntiforgeryPath = "/__test/antiforgery";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            // The test server has no socket: requests come from the loopback address, as from a proxy on the same machine.
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
