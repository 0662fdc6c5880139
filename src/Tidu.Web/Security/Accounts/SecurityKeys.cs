using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// Security keys (WebAuthn, FIDO2) as a second factor beside the authenticator app, verified by the Fido2 library:
/// enrolment (attestation), sign-in (assertion: signature over the challenge, origin, relying party, and a signature
/// counter that must grow), removal. Each key is one row of Identity's user-token table (provider <see cref="Store"/>,
/// name the credential id, value its public key and counter — an encrypted column like every token). The challenge
/// of a ceremony in progress is kept server-side for its user and used once: an answer to an old or spent challenge
/// is refused. Every enrolment, removal and refusal is a security event.
/// </summary>
public sealed class SecurityKeys(IFido2 fido2, UserManager<TiduUser> users, TiduDbContext db, SecurityLog log, TimeProvider clock, ILogger<SecurityKeys> logger)
{
    public const string Store = "webauthn";
    public const string Method = "hwk";
    private const string Ceremony = "webauthn-ceremony";
    private const string Registration = "registration";
    private const string Assertion = "assertion";

    /// <summary>A key as stored: its name (the user's), public key (COSE), counter, and when it was enrolled.</summary>
    public sealed record StoredKey(string Name, string PublicKey, uint SignCount, DateTimeOffset EnrolledAt);

    public async Task<IReadOnlyList<(string Id, StoredKey Key)>> ListAsync(TiduUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var rows = await db.UserTokens.AsNoTracking().Where(t => t.UserId == user.Id && t.LoginProvider == Store).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(r => (r.Name, JsonSerializer.Deserialize<StoredKey>(r.Value!)!)).OrderBy(k => k.Item2.EnrolledAt)];
    }

    public async Task<bool> AnyAsync(TiduUser user) =>
        await db.UserTokens.AnyAsync(t => t.UserId == user.Id && t.LoginProvider == Store).ConfigureAwait(false);

    /// <summary>Starts an enrolment: the options for <c>navigator.credentials.create</c> (JSON), with a fresh challenge kept for this user.</summary>
    public async Task<string> RegistrationOptionsAsync(TiduUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var existing = await ListAsync(user).ConfigureAwait(false);
        var options = fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = Encoding.UTF8.GetBytes(user.Id), Name = user.UserName!, DisplayName = user.DisplayName },
            ExcludeCredentials = [.. existing.Select(k => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(k.Id)))],
            AuthenticatorSelection = new AuthenticatorSelection { UserVerification = UserVerificationRequirement.Discouraged },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        var json = options.ToJson();
        await users.SetAuthenticationTokenAsync(user, Ceremony, Registration, json).ConfigureAwait(false);
        return json;
    }

    /// <summary>Completes an enrolment with the browser's answer; returns the Chinese refusal, or null when the key is enrolled.</summary>
    public async Task<string?> RegisterAsync(TiduUser user, string? name, string? attestationJson, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        name = string.IsNullOrWhiteSpace(name) ? "安全密钥" : name.Trim();
        var pending = await TakeCeremonyAsync(user, Registration).ConfigureAwait(false);
        string? refusal = null;
        RegisteredPublicKeyCredential? credential = null;
        if (name.Length > 50)
        {
            refusal = "密钥名称不超过 50 个字。";
        }
        else if (pending is null || Parse<AuthenticatorAttestationRawResponse>(attestationJson) is not { } answer)
        {
            refusal = "安全密钥登记已过期或数据无效，请重新登记。";
        }
        else
        {
            try
            {
                credential = await fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
                {
                    AttestationResponse = answer,
                    OriginalOptions = CredentialCreateOptions.FromJson(pending),
                    IsCredentialIdUniqueToUserCallback = async (p, token) =>
                    {
                        var id = Base64Url.EncodeToString(p.CredentialId);
                        return !await db.UserTokens.AnyAsync(t => t.LoginProvider == Store && t.Name == id, token).ConfigureAwait(false);
                    },
                }, ct).ConfigureAwait(false);
            }
            catch (Fido2VerificationException e)
            {
                logger.LogWarning("security key enrolment refused for {User}: {Reason}", user.UserName, e.Message);
                refusal = "安全密钥验证未通过，请重新登记。";
            }
        }
        if (refusal is not null || credential is null)
        {
            await log.RecordAsync(SecurityEvents.TwoFactorEnabled, user.UserName!, SecurityEvents.Failure, new JsonObject { ["method"] = Store, ["reason"] = "attestation refused" }, actor: user.UserName, ct: ct).ConfigureAwait(false);
            return refusal ?? "安全密钥验证未通过，请重新登记。";
        }
        var id = Base64Url.EncodeToString(credential.Id);
        log.Add(SecurityEvents.TwoFactorEnabled, user.UserName!, details: new JsonObject { ["method"] = Store, ["key"] = name, ["credential"] = id }, actor: user.UserName);
        await users.SetAuthenticationTokenAsync(user, Store, id, Serialise(new StoredKey(name, Convert.ToBase64String(credential.PublicKey), credential.SignCount, clock.GetUtcNow()))).ConfigureAwait(false);
        return null;
    }

    /// <summary>Starts a sign-in with a key: the options for <c>navigator.credentials.get</c> (JSON), or null when the user has none.</summary>
    public async Task<string?> AssertionOptionsAsync(TiduUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var keys = await ListAsync(user).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return null;
        }
        var options = fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. keys.Select(k => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(k.Id)))],
            UserVerification = UserVerificationRequirement.Discouraged,
        });
        var json = options.ToJson();
        await users.SetAuthenticationTokenAsync(user, Ceremony, Assertion, json).ConfigureAwait(false);
        return json;
    }

    /// <summary>
    /// Checks the browser's answer against the challenge kept for the user and the key's public key and counter; a
    /// signature that does not verify, a counter that did not grow (a cloned key), an unknown key or a spent challenge
    /// is refused and counts towards the lockout like a wrong code.
    /// </summary>
    public async Task<bool> VerifyAsync(TiduUser user, string? assertionJson, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var pending = await TakeCeremonyAsync(user, Assertion).ConfigureAwait(false);
        var answer = Parse<AuthenticatorAssertionRawResponse>(assertionJson);
        var rawId = answer?.RawId is { } raw ? Base64Url.EncodeToString(raw) : null;
        var stored = rawId is null ? default : (await ListAsync(user, ct).ConfigureAwait(false)).FirstOrDefault(k => k.Id == rawId);
        string? reason = await users.IsLockedOutAsync(user).ConfigureAwait(false) ? "locked out"
            : pending is null ? "no challenge"
            : answer is null || rawId is null ? "unreadable answer"
            : stored.Key is null ? "unknown key"
            : null;
        if (reason is null)
        {
            try
            {
                var result = await fido2.MakeAssertionAsync(new MakeAssertionParams
                {
                    AssertionResponse = answer!,
                    OriginalOptions = AssertionOptions.FromJson(pending!),
                    StoredPublicKey = Convert.FromBase64String(stored.Key!.PublicKey),
                    StoredSignatureCounter = stored.Key.SignCount,
                    IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(p.UserHandle is null || p.UserHandle.Length == 0 || Encoding.UTF8.GetString(p.UserHandle) == user.Id),
                }, ct).ConfigureAwait(false);
                await users.SetAuthenticationTokenAsync(user, Store, stored.Id, Serialise(stored.Key with { SignCount = result.SignCount })).ConfigureAwait(false);
                await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
                return true;
            }
            catch (Fido2VerificationException e)
            {
                logger.LogWarning("security key refused for {User}: {Reason}", user.UserName, e.Message);
                reason = e.Code.ToString();
            }
        }
        if (reason != "locked out")
        {
            await users.AccessFailedAsync(user).ConfigureAwait(false);
        }
        await log.RecordAsync(SecurityEvents.SignInFailed, user.UserName!, SecurityEvents.Failure, new JsonObject { ["reason"] = "security key refused: " + reason, ["factor"] = Method }, actor: "anonymous", ct: ct).ConfigureAwait(false);
        return false;
    }

    public async Task<bool> RemoveAsync(TiduUser user, string? id)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = (await ListAsync(user).ConfigureAwait(false)).FirstOrDefault(k => k.Id == id);
        if (key.Key is null)
        {
            return false;
        }
        log.Add(SecurityEvents.TwoFactorDisabled, user.UserName!, details: new JsonObject { ["method"] = Store, ["key"] = key.Key.Name, ["credential"] = id }, actor: user.UserName);
        await users.RemoveAuthenticationTokenAsync(user, Store, key.Id).ConfigureAwait(false);
        await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        return true;
    }

    /// <summary>The challenge of the user's ceremony of this kind, removed as it is read (a challenge is answered once).</summary>
    private async Task<string?> TakeCeremonyAsync(TiduUser user, string kind)
    {
        var json = await users.GetAuthenticationTokenAsync(user, Ceremony, kind).ConfigureAwait(false);
        if (json is not null)
        {
            await users.RemoveAuthenticationTokenAsync(user, Ceremony, kind).ConfigureAwait(false);
        }
        return json;
    }

    private static T? Parse<T>(string? json) where T : class
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > 64 * 1024)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Serialise(StoredKey key) => JsonSerializer.Serialize(key);
}
