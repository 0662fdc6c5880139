using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;

namespace Tidu.Application.Notifications.Email;

/// <summary>
/// The users who read a notice in their inbox and have an e-mail address: the named user; for an officer queue, the
/// users holding that role for exactly that region; for an enterprise, its enterprise users. A user whose own region
/// scope does not contain the enterprise the notice is about gets no copy (the inbox would not show it to them either).
/// </summary>
public static class EmailRecipients
{
    public sealed record Target(string UserName, string Address);

    public static async Task<IReadOnlyList<Target>> ForAsync(TiduDbContext db, Notification n, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(n);
        var candidates =
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where u.Email != null && u.Email != ""
            select new { User = u, Role = r.Name };
        if (n.RecipientUserName is { } name)
        {
            candidates = candidates.Where(c => c.User.UserName == name);
        }
        else if (n.RecipientRole is { } role && n.RecipientCreditCode is { } credit)
        {
            candidates = candidates.Where(c => c.Role == role && c.User.CreditCode == credit);
        }
        else if (n.RecipientRole is { } officerRole && n.RecipientRegionCode is { } region)
        {
            candidates = candidates.Where(c => c.Role == officerRole && c.User.RegionCode == region);
        }
        else
        {
            return [];
        }
        var found = await candidates.ToListAsync(ct).ConfigureAwait(false);
        var about = n.EnterpriseId is { } id ? await db.Enterprises.SingleOrDefaultAsync(e => e.Id == id, ct).ConfigureAwait(false) : null;
        var targets = new List<Target>();
        foreach (var user in found.GroupBy(c => c.User.Id))
        {
            var u = user.First().User;
            var roles = user.Select(c => c.Role).ToList();
            if (about is null || await MaySeeAsync(db, u, roles, about, ct).ConfigureAwait(false))
            {
                targets.Add(new Target(u.UserName!, u.Email!));
            }
        }
        return targets;
    }

    // The same scope the user's requests get (HttpRegionScopeSource.ScopeOf), from the stored user rather than claims.
    private static async Task<bool> MaySeeAsync(TiduDbContext db, TiduUser u, IReadOnlyList<string?> roles, Data.Entities.Enterprise about, CancellationToken ct)
    {
        if (roles.Contains(Roles.Enterprise))
        {
            return u.CreditCode is { } code && RegionScope.OneEnterprise(u.UserName!, code).Contains(about);
        }
        if (roles.Contains(Roles.Expert))
        {
            return await db.ExpertAssignments.AnyAsync(x => x.ExpertId == u.Id && x.EnterpriseId == about.Id, ct).ConfigureAwait(false);
        }
        return u.RegionCode is { } region && roles.Any(r => r is not null && (Roles.Officers.Contains(r) || r == Roles.Commissioner))
            && RegionScope.Region(u.UserName!, region).Contains(about);
    }
}
