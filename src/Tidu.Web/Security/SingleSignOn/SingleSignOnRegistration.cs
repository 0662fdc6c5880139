using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Tidu.Data.Auditing;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Security.SingleSignOn;

/// <summary>
/// Registers the OpenID Connect scheme when <see cref="SingleSignOnOptions"/> configures a provider. The provider only
/// proves who the person is: its result lands in Identity's external cookie, and the sign-in page
/// (<c>/Account/External</c>) decides whether that identity is linked to a local account, which keeps its own role,
/// region and second factor. Nothing from the provider is stored or trusted beyond the one linking claim (and
/// <c>amr</c>, when configured as trusted).
/// </summary>
public static class SingleSignOnRegistration
{
    public static AuthenticationBuilder AddTiduSingleSignOn(this AuthenticationBuilder auth, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetSection(SingleSignOnOptions.Section);
        auth.Services.AddOptions<SingleSignOnOptions>().Bind(section);
        var sso = section.Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!sso.Enabled)
        {
            return auth;
        }
        auth.AddOpenIdConnect(SingleSignOnOptions.Scheme, sso.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = sso.Authority;
            o.ClientId = sso.ClientId;
            o.ClientSecret = sso.ClientSecret;
            o.CallbackPath = sso.CallbackPath;
            o.RequireHttpsMetadata = sso.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // Claims keep the provider's names (sub, amr, …): the linking claim is named in configuration as the
            // provider names it, not as a .NET claim-type URI.
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Events.OnRemoteFailure = RefusedAsync;
        });
        // The platform's clock for the handler's cookies and the token's lifetime (tests run on a fake one).
        auth.Services.AddOptions<OpenIdConnectOptions>(SingleSignOnOptions.Scheme).Configure<TimeProvider>((o, clock) =>
        {
            o.TimeProvider = clock;
            o.TokenValidationParameters.ValidateLifetime = true;
            o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } end && end >= now - parameters.ClockSkew && (notBefore is not { } start || start <= now + parameters.ClockSkew);
            };
        });
        return auth;
    }

    /// <summary>
    /// Any failure of the provider's answer — a forged or unsigned token, a wrong issuer or audience, a replayed or
    /// unknown state or nonce, a refusal at the provider — is a refused sign-in: a security event with the reason (for
    /// the audit administrator), and the sign-in page with one Chinese sentence (never the exception's text).
    /// </summary>
    private static async Task RefusedAsync(RemoteFailureContext context)
    {
        var reason = context.Failure?.Message ?? "unknown";
        await context.HttpContext.RequestServices.GetRequiredService<SecurityLog>().RecordAsync(
            SecurityEvents.SignInFailed, SingleSignOnOptions.Scheme, SecurityEvents.Failure,
            new JsonObject { ["reason"] = "provider answer refused", ["factor"] = SignInFlow.ExternalMethod, ["detail"] = reason.Length > 300 ? reason[..300] : reason },
            actor: "anonymous").ConfigureAwait(false);
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tidu.SingleSignOn")
            .LogWarning("single sign-on answer refused: {Reason}", reason);
        context.Response.Redirect("/Account/Login?sso=failed");
        context.HandleResponse();
    }

    /// <summary>The provider's origin, which the sign-in form may redirect to (the page's CSP form-action), or null.</summary>
    public static string? ProviderOrigin(IServiceProvider services)
    {
        var sso = services.GetService<IOptions<SingleSignOnOptions>>()?.Value;
        return sso is { Enabled: true } && Uri.TryCreate(sso.Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}
