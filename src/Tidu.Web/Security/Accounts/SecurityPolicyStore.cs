using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Changes;
using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// The security policy in force: the row the security administrator edits, with the configuration's
/// <c>Security:RequireTwoFactor</c> as a floor. Read on every request (session lifetimes), so it is kept in memory and
/// read again after any committed write other than of enterprise files alone (<see cref="IWriteGeneration"/>: this
/// process's, or every cluster node's) or after a minute (an edit the generation did not hear of).
/// </summary>
public sealed class SecurityPolicyStore(IServiceScopeFactory scopes, IOptions<SecurityOptions> options, TimeProvider clock, IWriteGeneration writes)
    : Tidu.Application.Administration.ISecurityPolicyDefaults
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private (WriteStamp Generation, DateTimeOffset ReadAt, SecurityPolicy Policy)? _cached;

    /// <summary>The configured starting values (the row's content until the first edit).</summary>
    public SecurityPolicy Defaults => options.Value.Policy.Copy();

    public bool TwoFactorRequiredByConfiguration => options.Value.RequireTwoFactor;

    public async Task<SecurityPolicy> CurrentAsync(CancellationToken ct = default)
    {
        var generation = await writes.CurrentAsync(ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (_cached is { } c && c.Generation == generation && now - c.ReadAt < Lifetime)
        {
            return c.Policy;
        }
        SecurityPolicy policy;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiduDbContext>();
            policy = await db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == SecurityPolicy.SingletonId, ct).ConfigureAwait(false)
                ?? Defaults;
        }
        policy.RequireTwoFactor |= options.Value.RequireTwoFactor;
        _cached = (generation, now, policy);
        return policy;
    }
}
