using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// The password rules of the security policy: a minimum length, a mix of character classes, not the user name, and
/// none of the last N passwords (compared through the password hasher: only hashes are kept).
/// </summary>
public sealed class PolicyPasswordValidator(SecurityPolicyStore policies, TiduDbContext db, IPasswordHasher<TiduUser> hasher) : IPasswordValidator<TiduUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<TiduUser> manager, TiduUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        password ??= "";
        var policy = await policies.CurrentAsync().ConfigureAwait(false);
        var errors = new List<IdentityError>();
        if (password.Length < policy.MinimumLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"口令至少 {policy.MinimumLength} 个字符。" });
        }
        var classes = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }.Count(x => x);
        if (classes < policy.RequiredCharacterClasses)
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordTooSimple",
                Description = $"口令须包含大写字母、小写字母、数字、其他字符中的至少 {policy.RequiredCharacterClasses} 类。",
            });
        }
        if (user.UserName is { Length: > 0 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "口令不得包含用户名。" });
        }
        if (policy.PasswordHistory > 0 && user.Id is { } id)
        {
            var recent = await db.PasswordHistory.AsNoTracking().Where(h => h.UserId == id)
                .OrderByDescending(h => h.Id).Take(policy.PasswordHistory)
                .Select(h => h.PasswordHash).ToListAsync().ConfigureAwait(false);
            if (recent.Any(hash => hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed))
            {
                errors.Add(new IdentityError { Code = "PasswordReused", Description = $"不得使用最近 {policy.PasswordHistory} 次用过的口令。" });
            }
        }
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }
}
