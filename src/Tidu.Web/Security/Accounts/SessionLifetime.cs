using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Tidu.Data.Auditing;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// Ends sessions by the security policy (GB/T 22239-2019 8.1.4.1 b: 登录连接超时自动退出): after the idle timeout without
/// a request, and after the absolute lifetime from the sign-in however active the user is. Checked on every request
/// that carries the session cookie, before Identity's security-stamp check (which ends the sessions of a disabled
/// account or one whose role or password changed).
/// </summary>
public static class SessionLifetime
{
    private const string LastSeen = "tidu:last-seen";

    // The last-seen time is written into the cookie at most once a minute, not on every request.
    private static readonly TimeSpan Granularity = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var policy = await services.GetRequiredService<SecurityPolicyStore>().CurrentAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        var started = Seconds(context.Principal?.FindFirstValue(SignInFlow.SignedInAtClaim));
        var lastSeen = context.Properties.Items.TryGetValue(LastSeen, out var seen) ? Seconds(seen) : started;
        var reason = started is null ? "no sign-in time"
            : now - started > TimeSpan.FromHours(policy.AbsoluteLifetimeHours) ? "absolute lifetime"
            : now - lastSeen > TimeSpan.FromMinutes(policy.IdleTimeoutMinutes) ? "idle timeout"
            : null;
        if (reason is not null)
        {
            var name = context.Principal?.Identity?.Name ?? "unknown";
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
            await services.GetRequiredService<SecurityLog>().RecordAsync(SecurityEvents.SessionEnded, name,
                details: new JsonObject { ["reason"] = reason }, actor: name).ConfigureAwait(false);
            return;
        }
        if (lastSeen is null || now - lastSeen >= Granularity)
        {
            context.Properties.Items[LastSeen] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            context.ShouldRenew = true;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context).ConfigureAwait(false);
    }

    /// <summary>Keeps the session's own claims when the security-stamp check rebuilds the principal from the user.</summary>
    public static Task KeepSessionClaims(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CurrentPrincipal?.Identity is ClaimsIdentity current && context.NewPrincipal?.Identity is ClaimsIdentity fresh)
        {
            foreach (var claim in current.Claims.Where(c => c.Type is SignInFlow.SignedInAtClaim or SignInFlow.PreviousSignInClaim or SignInFlow.MethodClaim))
            {
                if (!fresh.HasClaim(claim.Type, claim.Value))
                {
                    fresh.AddClaim(new Claim(claim.Type, claim.Value));
                }
            }
        }
        return Task.CompletedTask;
    }

    private static DateTimeOffset? Seconds(string? value) =>
        long.TryParse(value, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
