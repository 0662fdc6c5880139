using Microsoft.AspNetCore.Identity;

namespace Tidu.Web.Security;

/// <summary>
/// How a request proves who it is: the sign-in cookie (people, pages and the API) or an <c>X-Api-Key</c> header
/// (banks and service bodies, the API only) — exactly one of them. A request carrying both is refused before
/// authentication runs, so a cookie's roles can never be combined with a key's region (or the other way round).
/// </summary>
public static class Credentials
{
    /// <summary>The sign-in cookie's name.</summary>
    public const string SessionCookie = ".Tidu.Session";

    /// <summary>The cookie scheme: pages authenticate with it only.</summary>
    public static string CookieScheme => IdentityConstants.ApplicationScheme;

    /// <summary>The API's scheme: the key when the request carries one, the cookie otherwise — never both.</summary>
    public const string ApiScheme = "tidu-api";

    public static bool CarriesSessionCookie(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies.ContainsKey(SessionCookie);
    }

    public static bool CarriesApiKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.ContainsKey(ApiKeyAuthentication.Header);
    }

    /// <summary>Refuses (400) a request that carries both a sign-in cookie and an API key header, whatever their validity.</summary>
    public static IApplicationBuilder UseOneCredential(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (CarriesSessionCookie(context.Request) && CarriesApiKey(context.Request))
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tidu.Security")
                    .LogWarning("refused {Method} {Path}: both a sign-in cookie and an API key were sent", context.Request.Method, context.Request.Path);
                await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "credentials.two-at-once",
                    "一次请求只能使用一种身份：请勿同时携带登录会话和接口密钥",
                    "a request authenticates with the sign-in cookie or with an API key, not both").ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
}
