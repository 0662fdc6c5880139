using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Auditing;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;

namespace Tidu.Application.Administration;

/// <summary>The policy in force before anyone saved one (the configuration's), and whether the configuration demands a second factor whatever is saved.</summary>
public interface ISecurityPolicyDefaults
{
    SecurityPolicy Defaults { get; }

    bool TwoFactorRequiredByConfiguration { get; }
}

/// <summary>
/// The security administrator reads and sets the security policy (passwords, sessions, second factor). Each change is
/// audited with its values before and after (the row's own entry) and a security event; a refused change is an event
/// too. A second factor the configuration demands stays demanded.
/// </summary>
public sealed class SecurityPolicyAdministration(TiduDbContext db, ISecurityPolicyDefaults defaults, ISecurityEvents events, TimeProvider clock, IActorSource actors)
{
    public bool ForcedByConfiguration => defaults.TwoFactorRequiredByConfiguration;

    /// <summary>The policy as saved, or the configuration's when none was.</summary>
    public Task<SecurityPolicy> ReadAsync(CancellationToken ct) => RowAsync(ct);

    public async Task<Outcome<SecurityPolicy>> SaveAsync(SecurityPolicy wanted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        if (Access.Require(actors.Current, Resource.SecurityPolicy, Operation.Write) is { } forbidden)
        {
            return forbidden;
        }
        wanted.RequireTwoFactor |= ForcedByConfiguration;
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(wanted, new ValidationContext(wanted), errors, validateAllProperties: true)
            || wanted.IdleTimeoutMinutes > wanted.AbsoluteLifetimeHours * 60)
        {
            events.Add(SecurityEvents.PolicyChanged, "policy", SecurityEvents.Failure, new JsonObject { ["reason"] = "out of range" });
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return Refusal.Invalid("security-policy.out-of-range", "数值超出允许范围（无操作退出时间不得长于会话最长时间）。",
                "a value is out of range, or the idle timeout is longer than the session's lifetime");
        }
        var row = await RowAsync(ct).ConfigureAwait(false);
        row.MinimumLength = wanted.MinimumLength;
        row.RequiredCharacterClasses = wanted.RequiredCharacterClasses;
        row.PasswordHistory = wanted.PasswordHistory;
        row.MaximumPasswordAgeDays = wanted.MaximumPasswordAgeDays;
        row.IdleTimeoutMinutes = wanted.IdleTimeoutMinutes;
        row.AbsoluteLifetimeHours = wanted.AbsoluteLifetimeHours;
        row.RequireTwoFactor = wanted.RequireTwoFactor;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actors.Current.Name;
        // The row's own audit entry holds the values before and after; the event says who changed the policy from where.
        events.Add(SecurityEvents.PolicyChanged, "policy");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return row;
    }

    private async Task<SecurityPolicy> RowAsync(CancellationToken ct) =>
        await db.SecurityPolicies.SingleOrDefaultAsync(p => p.Id == SecurityPolicy.SingletonId, ct).ConfigureAwait(false)
        ?? db.SecurityPolicies.Add(defaults.Defaults).Entity;
}
