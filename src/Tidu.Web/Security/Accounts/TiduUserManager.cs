using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// Identity's user manager with the policy's bookkeeping: every password set (account creation, change, reset) is
/// dated — the maximum age counts from it — and its hash kept in the password history, saved with the user. Identity
/// sets passwords through private code, so the hook is where the user is saved: a new user with a hash, or a tracked
/// user whose hash differs from the one loaded.
/// </summary>
public sealed class TiduUserManager(
    IUserStore<TiduUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<TiduUser> passwordHasher,
    IEnumerable<IUserValidator<TiduUser>> userValidators, IEnumerable<IPasswordValidator<TiduUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<TiduUser>> logger,
    TiduDbContext db, TimeProvider clock)
    : UserManager<TiduUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override Task<IdentityResult> CreateAsync(TiduUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.PasswordHash is { } hash)
        {
            PasswordSet(user, hash);
        }
        return base.CreateAsync(user);
    }

    protected override Task<IdentityResult> UpdateUserAsync(TiduUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var entry = db.Entry(user);
        if (entry.State != EntityState.Detached && user.PasswordHash is { } hash
            && !string.Equals(entry.Property(u => u.PasswordHash).OriginalValue, hash, StringComparison.Ordinal))
        {
            PasswordSet(user, hash);
        }
        return base.UpdateUserAsync(user);
    }

    private void PasswordSet(TiduUser user, string hash)
    {
        var now = clock.GetUtcNow();
        user.PasswordChangedAt = now;
        db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = hash, ChangedAt = now });
    }
}
