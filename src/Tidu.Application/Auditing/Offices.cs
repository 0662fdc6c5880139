using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Tidu.Data;
using Tidu.Data.Identity;
using Tidu.Domain.Display;
using Tidu.Domain.Regions;

namespace Tidu.Application.Auditing;

/// <summary>
/// Who did something, as an officer reads it: the office a login acts for (region and role, "上城区 · 县级主管部门"),
/// a job ("系统（启动）") or an API key — never the login name. Experts and commissioners act in person: their name is
/// added ("上城区 · 服务专员（张三）"). Accounts are few: the map is kept for five minutes.
/// </summary>
public sealed class Offices(TiduDbContext db, IMemoryCache cache, RegionTree regions)
{
    public async Task<string> NameAsync(string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AuditNames.IsPerson(actor))
        {
            return AuditNames.Actor(actor);
        }
        return (await AllAsync(ct).ConfigureAwait(false)).GetValueOrDefault(actor, "已停用的账号");
    }

    /// <summary>Office names of several actors at once (one lookup for a whole table).</summary>
    public async Task<Func<string, string>> NamesAsync(CancellationToken ct)
    {
        var all = await AllAsync(ct).ConfigureAwait(false);
        return actor => AuditNames.IsPerson(actor) ? all.GetValueOrDefault(actor, "已停用的账号") : AuditNames.Actor(actor);
    }

    private async Task<IReadOnlyDictionary<string, string>> AllAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(nameof(Offices), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            var users = await db.Users.AsNoTracking()
                .Select(u => new { u.UserName, u.RegionCode, u.DisplayName, Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault() })
                .ToListAsync(ct).ConfigureAwait(false);
            return (IReadOnlyDictionary<string, string>)users
                .Where(u => u.UserName is not null)
                .ToDictionary(u => u.UserName!, u => Office(u.RegionCode, u.Role, u.DisplayName), StringComparer.Ordinal);
        }).ConfigureAwait(false))!;

    private string Office(string? regionCode, string? role, string displayName)
    {
        var roleName = role is null ? "用户" : DisplayNames.Role(role);
        if (role is Roles.Expert or Roles.Commissioner)
        {
            roleName += $"（{displayName}）";
        }
        return regionCode is not null && regions.Find(regionCode) is { } region ? $"{region.Name} · {roleName}" : roleName;
    }
}
