using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// Identity's user manager with the policy's bookkeeping: every password set (account creation, change, reset) is
/// dated — the maximum age counts from it — and its hash kept in the password history, saved with the user.
/// </summary>
public sealed class TiduUserManager(
    IUserStore<TiduUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<TiduUser> passwordHasher,
    IEnumerable<IUserValidator<TiduUser>> userValidators, IEnumerable<IPasswordValidator<TiduUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<TiduUser>> logger,
    TiduDbContext db, TimeProvider clock)
    : UserManager<TiduUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdatePasswordHash(TiduUser user, string newPassword, bool validatePassword)
    {
        var result = await base.UpdatePasswordHash(user, newPassword, validatePassword).ConfigureAwait(false);
        if (result.Succeeded && user.PasswordHash is { } hash)
        {
            var now = clock.GetUtcNow();
            user.PasswordChangedAt = now;
            db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = hash, ChangedAt = now });
        }
        return result;
    }
}
