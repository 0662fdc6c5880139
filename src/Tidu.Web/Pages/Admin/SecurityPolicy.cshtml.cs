using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Admin;

/// <summary>The security administrator sets the security policy (<see cref="SecurityPolicy"/>); each change is audited with its values before and after.</summary>
public sealed class SecurityPolicyModel(TiduDbContext db, SecurityPolicyStore store, SecurityLog log, TimeProvider clock) : PageModel
{
    public SecurityPolicy Policy { get; private set; } = new();
    public bool ForcedByConfiguration => store.TwoFactorRequiredByConfiguration;
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Policy = await RowAsync(ct).ConfigureAwait(false);

    public async Task OnPostAsync(int minimumLength, int requiredCharacterClasses, int passwordHistory, int maximumPasswordAgeDays,
        int idleTimeoutMinutes, int absoluteLifetimeHours, bool requireTwoFactor, CancellationToken ct)
    {
        var row = await RowAsync(ct).ConfigureAwait(false);
        var wanted = new SecurityPolicy
        {
            MinimumLength = minimumLength,
            RequiredCharacterClasses = requiredCharacterClasses,
            PasswordHistory = passwordHistory,
            MaximumPasswordAgeDays = maximumPasswordAgeDays,
            IdleTimeoutMinutes = idleTimeoutMinutes,
            AbsoluteLifetimeHours = absoluteLifetimeHours,
            RequireTwoFactor = requireTwoFactor || ForcedByConfiguration,
        };
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(wanted, new ValidationContext(wanted), errors, validateAllProperties: true)
            || wanted.IdleTimeoutMinutes > wanted.AbsoluteLifetimeHours * 60)
        {
            (Message, Failed) = ("数值超出允许范围（无操作退出时间不得长于会话最长时间）。", true);
            await log.RecordAsync(SecurityEvents.PolicyChanged, "policy", SecurityEvents.Failure, new JsonObject { ["reason"] = "out of range" }, ct: ct).ConfigureAwait(false);
            Policy = wanted;
            return;
        }
        row.MinimumLength = wanted.MinimumLength;
        row.RequiredCharacterClasses = wanted.RequiredCharacterClasses;
        row.PasswordHistory = wanted.PasswordHistory;
        row.MaximumPasswordAgeDays = wanted.MaximumPasswordAgeDays;
        row.IdleTimeoutMinutes = wanted.IdleTimeoutMinutes;
        row.AbsoluteLifetimeHours = wanted.AbsoluteLifetimeHours;
        row.RequireTwoFactor = wanted.RequireTwoFactor;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = User.Identity!.Name;
        // The row's own audit entry holds the values before and after; the event says who changed the policy from where.
        log.Add(SecurityEvents.PolicyChanged, "policy");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        Policy = row;
        Message = "安全策略已保存。";
    }

    private async Task<SecurityPolicy> RowAsync(CancellationToken ct) =>
        await db.SecurityPolicies.SingleOrDefaultAsync(p => p.Id == SecurityPolicy.SingletonId, ct).ConfigureAwait(false)
        ?? db.SecurityPolicies.Add(store.Defaults).Entity;
}
