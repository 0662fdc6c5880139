using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// Signing in, step by step. A correct password does not sign in by itself: it opens a short "pending" sign-in (Identity's
/// two-factor cookie, holding only the user id) in which the user must, in this order, choose a new password (an
/// administrator set it, or it is older than the policy allows), enter an authenticator code (their second factor is on),
/// or set up an authenticator (the policy requires a second factor for their role and they have none). Only then is
/// the session cookie issued — so without the second factor there is no session at all. Every outcome is a security event.
/// </summary>
public sealed class SignInFlow(
    SignInManager<TiduUser> signIn, UserManager<TiduUser> users, SecurityPolicyStore policies, SecurityLog log,
    IHttpContextAccessor http, TimeProvider clock)
{
    public const string SignedInAtClaim = "tidu:signed-in-at";
    public const string PreviousSignInClaim = "tidu:previous-sign-in";
    public const string MethodClaim = "amr";

    /// <summary>The factors a sign-in can use, as its session's <c>amr</c> claims (RFC 8176 names where there is one).</summary>
    public const string PasswordMethod = "pwd";
    public const string AuthenticatorMethod = "otp";
    /// <summary>The office's identity provider (OpenID Connect): a first factor, like the password.</summary>
    public const string ExternalMethod = "oidc";
    /// <summary>The identity provider's sign-in, configured as trusted to have used two factors itself.</summary>
    public const string ProviderMfaMethod = "mfa";

    private static readonly string[] SecondFactors = [AuthenticatorMethod, ProviderMfaMethod];

    /// <summary>A sign-in in progress: its user and the factors it has passed so far.</summary>
    public sealed record Pending(TiduUser User, IReadOnlyList<string> Methods)
    {
        public bool SecondFactorPassed => Methods.Any(SecondFactors.Contains);

        /// <summary>Whether the first factor was the local password (only then can the password's age or reset be the next step).</summary>
        public bool UsedPassword => Methods.Contains(PasswordMethod);
    }

    public enum ExternalOutcome
    {
        NotLinked,
        Refused,
        Accepted,
    }

    public enum PasswordOutcome
    {
        Failed,
        LockedOut,
        Accepted,
    }

    /// <summary>Checks the password (failures are counted by the sign-in throttle, per name and address); on success the pending sign-in starts.</summary>
    public async Task<(PasswordOutcome Outcome, TiduUser? User)> CheckPasswordAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null)
        {
            await log.RecordAsync(SecurityEvents.SignInFailed, userName, SecurityEvents.Failure, new JsonObject { ["reason"] = "unknown user" }, actor: "anonymous").ConfigureAwait(false);
            return (PasswordOutcome.Failed, null);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var reason = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? (user.DisabledAt is null ? "not allowed" : "disabled") : "wrong password";
            await log.RecordAsync(SecurityEvents.SignInFailed, user.UserName!, SecurityEvents.Failure, new JsonObject { ["reason"] = reason }, actor: "anonymous").ConfigureAwait(false);
            return (result.IsLockedOut ? PasswordOutcome.LockedOut : PasswordOutcome.Failed, null);
        }
        await BeginPendingAsync(user, [PasswordMethod]).ConfigureAwait(false);
        return (PasswordOutcome.Accepted, user);
    }

    /// <summary>
    /// The identity provider vouched for <paramref name="key"/> (the configured claim's value). Only a local account an
    /// administrator linked to that value beforehand is signed in — nothing is created, and the account keeps its own
    /// role and region; a disabled or locked-out account is refused as with a password. On success the pending sign-in
    /// starts with the provider as the first factor (and as the second too when <paramref name="providerMfa"/>).
    /// </summary>
    public async Task<(ExternalOutcome Outcome, TiduUser? User)> CheckExternalAsync(string provider, string? key, bool providerMfa)
    {
        var user = string.IsNullOrEmpty(key) ? null : await users.FindByLoginAsync(provider, key).ConfigureAwait(false);
        if (user is null)
        {
            await log.RecordAsync(SecurityEvents.SignInFailed, key ?? "", SecurityEvents.Failure,
                new JsonObject { ["reason"] = string.IsNullOrEmpty(key) ? "linking claim missing" : "identity not linked", ["factor"] = ExternalMethod, ["provider"] = provider }, actor: "anonymous").ConfigureAwait(false);
            return (ExternalOutcome.NotLinked, null);
        }
        var reason = !await signIn.CanSignInAsync(user).ConfigureAwait(false) ? (user.DisabledAt is null ? "not allowed" : "disabled")
            : await users.IsLockedOutAsync(user).ConfigureAwait(false) ? "locked out"
            : null;
        if (reason is not null)
        {
            await log.RecordAsync(SecurityEvents.SignInFailed, user.UserName!, SecurityEvents.Failure,
                new JsonObject { ["reason"] = reason, ["factor"] = ExternalMethod, ["provider"] = provider }, actor: "anonymous").ConfigureAwait(false);
            return (ExternalOutcome.Refused, null);
        }
        await BeginPendingAsync(user, providerMfa ? [ExternalMethod, ProviderMfaMethod] : [ExternalMethod]).ConfigureAwait(false);
        return (ExternalOutcome.Accepted, user);
    }

    /// <summary>
    /// The page of the step the user must take next, or null when every step is done. The second factor comes before a
    /// password change, so a stolen password alone cannot be used to change the password.
    /// </summary>
    public async Task<string?> NextStepAsync(TiduUser user, bool secondFactorPassed, bool usedPassword = true)
    {
        ArgumentNullException.ThrowIfNull(user);
        var policy = await policies.CurrentAsync().ConfigureAwait(false);
        if (!secondFactorPassed)
        {
            if (await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false))
            {
                return "/Account/TwoFactor";
            }
            if (policy.RequireTwoFactor && await NeedsStrongAuthenticationAsync(user).ConfigureAwait(false))
            {
                return "/Account/Enrol";
            }
        }
        // The local password's age matters only when it was used: a sign-in through the identity provider never
        // touches it (the provider's own password rules apply there).
        return usedPassword && (user.MustChangePassword || PasswordExpired(user, policy)) ? "/Account/ChangePassword" : null;
    }

    public bool PasswordExpired(TiduUser user, SecurityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(policy);
        return policy.MaximumPasswordAgeDays > 0
            && user.PasswordChangedAt is { } changed
            && clock.GetUtcNow() - changed > TimeSpan.FromDays(policy.MaximumPasswordAgeDays);
    }

    public async Task<bool> NeedsStrongAuthenticationAsync(TiduUser user)
    {
        var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
        return roles.Any(Roles.StrongAuthentication.Contains);
    }

    /// <summary>The pending sign-in (first factor checked, steps remaining), or null.</summary>
    public async Task<Pending?> PendingAsync()
    {
        var result = await Http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme).ConfigureAwait(false);
        if (!result.Succeeded || result.Principal.FindFirstValue(ClaimTypes.Name) is not { } id
            || await users.FindByIdAsync(id).ConfigureAwait(false) is not { } user)
        {
            return null;
        }
        return new Pending(user, [.. result.Principal.FindAll(MethodClaim).Select(c => c.Value)]);
    }

    /// <summary>
    /// Marks the pending sign-in as having passed the authenticator (a password change may still follow); returns the
    /// factors used so far, for the session.
    /// </summary>
    public async Task<IReadOnlyList<string>> SecondFactorPassedAsync(TiduUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var first = (await PendingAsync().ConfigureAwait(false)) is { } pending && pending.User.Id == user.Id
            ? pending.Methods.Where(m => !SecondFactors.Contains(m)).ToList()
            : [PasswordMethod];
        List<string> methods = [.. first, AuthenticatorMethod];
        await BeginPendingAsync(user, methods).ConfigureAwait(false);
        return methods;
    }

    /// <summary>
    /// Checks an authenticator code or a recovery code for the pending user; wrong codes count towards the lockout like
    /// wrong passwords.
    /// </summary>
    public async Task<bool> VerifySecondFactorAsync(TiduUser user, string code, bool recovery)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            await log.RecordAsync(SecurityEvents.SignInFailed, user.UserName!, SecurityEvents.Failure, new JsonObject { ["reason"] = "locked out", ["factor"] = "otp" }, actor: "anonymous").ConfigureAwait(false);
            return false;
        }
        var ok = recovery
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, (code ?? "").Replace(" ", "", StringComparison.Ordinal)).ConfigureAwait(false)).Succeeded
            : await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, code ?? "").ConfigureAwait(false);
        if (!ok)
        {
            await users.AccessFailedAsync(user).ConfigureAwait(false);
            await log.RecordAsync(SecurityEvents.SignInFailed, user.UserName!, SecurityEvents.Failure,
                new JsonObject { ["reason"] = recovery ? "wrong recovery code" : "wrong authenticator code", ["factor"] = "otp" }, actor: "anonymous").ConfigureAwait(false);
            return false;
        }
        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Issues the session: the claims say when it started (its absolute lifetime counts from here) and which factors
    /// were used; the previous sign-in's time and address are kept to be shown. Returns the notice to show once.
    /// </summary>
    public async Task<string> CompleteAsync(TiduUser user, IReadOnlyList<string> methods)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(methods);
        var now = clock.GetUtcNow();
        var previous = user.LastSignInAt is { } at
            ? $"{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}|{user.LastSignInAddress}"
            : "";
        List<Claim> claims =
        [
            new(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new(PreviousSignInClaim, previous),
            .. methods.Select(m => new Claim(MethodClaim, m)),
        ];
        await Http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme).ConfigureAwait(false);
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false }, claims).ConfigureAwait(false);
        user.LastSignInAt = now;
        user.LastSignInAddress = log.Address;
        log.Add(SecurityEvents.SignIn, user.UserName!, details: new JsonObject { ["factors"] = string.Join('+', methods) }, actor: user.UserName);
        await users.UpdateAsync(user).ConfigureAwait(false);
        return LastSignInNotice(previous);
    }

    /// <summary>"上次登录：2026-03-01 09:12（北京时间），地址 10.1.2.3" from the claim value, or the first-sign-in line.</summary>
    public static string LastSignInNotice(string? previous)
    {
        if (string.IsNullOrEmpty(previous) || previous.Split('|') is not [var seconds, var address]
            || !long.TryParse(seconds, CultureInfo.InvariantCulture, out var unix))
        {
            return "这是该账户的首次登录。";
        }
        var beijing = DateTimeOffset.FromUnixTimeSeconds(unix).ToOffset(TimeSpan.FromHours(8));
        return $"上次登录：{beijing.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}（北京时间），地址 {address}。如非本人操作，请立即修改口令并联系安全管理员。";
    }

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("signing in needs a request");

    private Task BeginPendingAsync(TiduUser user, IReadOnlyList<string> methods)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        foreach (var method in methods)
        {
            identity.AddClaim(new Claim(MethodClaim, method));
        }
        return Http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }
}
