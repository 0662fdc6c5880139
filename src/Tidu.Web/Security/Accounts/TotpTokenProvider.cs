using Microsoft.AspNetCore.Identity;
using OtpNet;
using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// Authenticator codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits — what authenticator apps compute) checked
/// against the platform's clock, one step either side for clock drift; a code, once accepted, is not accepted again
/// (the last accepted step is kept with the user's tokens). Replaces Identity's provider, which reads the wall clock
/// and accepts codes 90 seconds either side.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<TiduUser>
{
    public const string Name = "TiduAuthenticator";
    private const string Store = "Tidu";
    private const string LastStep = "TotpLastStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TiduUser> manager, TiduUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user).ConfigureAwait(false));
    }

    // Codes come from the user's app, never from the server.
    public Task<string> GenerateAsync(string purpose, UserManager<TiduUser> manager, TiduUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TiduUser> manager, TiduUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        var code = (token ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (key is null || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key), step: 30, mode: OtpHashMode.Sha1, totpSize: 6);
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }
        var last = await manager.GetAuthenticationTokenAsync(user, Store, LastStep).ConfigureAwait(false);
        if (long.TryParse(last, System.Globalization.CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false; // replayed (or older than one already used)
        }
        await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return true;
    }
}
