namespace Tidu.Web.Security;

/// <summary>
/// Headers every response carries: no framing, no MIME sniffing, no referrer leaks, scripts only from this site. Set
/// when the response starts, so that error pages and ProblemDetails written after an exception (which clear the
/// headers set so far) carry them too.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
            await next(context).ConfigureAwait(false);
        });

    private static void Apply(HttpContext context)
    {
        var h = context.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        // The API reference page (Scalar) needs inline styles and its own bundled script; everything else is stricter.
        h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar", StringComparison.Ordinal)
            ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
            : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'"
                + (SingleSignOn.SingleSignOnRegistration.ProviderOrigin(context.RequestServices) is { } provider ? " " + provider : "")
                + "; base-uri 'self'";
        // (A browser applies form-action to the redirects after a form post too: the single sign-on button's post is
        // redirected to the identity provider, so its origin is allowed when one is configured.)
    }
}
