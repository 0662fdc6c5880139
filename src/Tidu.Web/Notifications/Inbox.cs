using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Identity;
using Tidu.Web.Screening;
using Tidu.Web.Security;

namespace Tidu.Web.Notifications;

/// <summary>
/// A user's notices: those addressed to them by name, to their role in exactly the region they act for (a county's
/// queue is not a sibling county's, nor the province's), or — for enterprise users — to their enterprise. The
/// database's region scope applies underneath (a notice about an enterprise outside the scope is never read).
/// </summary>
public sealed class Inbox(TiduDbContext db, CountCache cache)
{
    public sealed record Item(long Id, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, bool Read);

    public IQueryable<Notification> For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name ?? "";
        var role = Roles.All.FirstOrDefault(user.IsInRole);
        var region = user.FindFirstValue(TiduClaims.RegionCode);
        var credit = user.FindFirstValue(TiduClaims.CreditCode);
        return db.Notifications.AsNoTracking().Where(n =>
            (n.RecipientUserName != null && n.RecipientUserName == name)
            || (role != null && n.RecipientRole == role
                && (n.RecipientCreditCode != null ? n.RecipientCreditCode == credit : n.RecipientRegionCode != null && n.RecipientRegionCode == region)));
    }

    public async Task<IReadOnlyList<Item>> ListAsync(ClaimsPrincipal user, bool unreadOnly, int take, CancellationToken ct)
    {
        var name = user?.Identity?.Name ?? "";
        var q = For(user!);
        if (unreadOnly)
        {
            q = q.Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name));
        }
        return await q.OrderByDescending(n => n.Id).Take(take)
            .Select(n => new Item(n.Id, n.Kind, n.Title, n.Body, n.ApplicationId != null ? "/Applications/" + n.ApplicationId : n.Link, n.CreatedAt, db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name)))
            .ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The bell's count, on every page: cached per user like the other counts (a new notice or a notice marked read is
    /// a committed write, which retires it), since it reads the region's notices through the enterprise scope.
    /// </summary>
    public Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var name = user?.Identity?.Name ?? "";
        var role = user is null ? null : Roles.All.FirstOrDefault(user.IsInRole);
        return cache.GetAsync(db.Scope, $"notifications:unread:{role}:{name}", () =>
            For(user!).CountAsync(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name), ct));
    }

    /// <summary>Marks the given notices (or all of the user's when null) read; a notice not the user's is ignored. Returns how many were newly marked.</summary>
    public async Task<int> MarkReadAsync(ClaimsPrincipal user, IReadOnlyCollection<long>? ids, DateTimeOffset now, CancellationToken ct)
    {
        var name = user?.Identity?.Name ?? "";
        var q = For(user!).Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name));
        if (ids is not null)
        {
            q = q.Where(n => ids.Contains(n.Id));
        }
        var unread = await q.Select(n => n.Id).ToListAsync(ct).ConfigureAwait(false);
        foreach (var id in unread)
        {
            db.NotificationReads.Add(new NotificationRead { NotificationId = id, UserName = name, ReadAt = now });
        }
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return 0; // the same user marked them in another tab at the same moment: they are read either way
        }
        return unread.Count;
    }
}
