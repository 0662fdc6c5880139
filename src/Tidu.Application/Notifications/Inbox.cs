using Microsoft.EntityFrameworkCore;
using Tidu.Application.Screening;
using Tidu.Data;
using Tidu.Data.Entities.Dynamic;

namespace Tidu.Application.Notifications;

/// <summary>
/// A user's notices: those addressed to them by name, to their role in exactly the region they act for (a county's
/// queue is not a sibling county's, nor the province's), or — for enterprise users — to their enterprise. The
/// database's region scope applies underneath (a notice about an enterprise outside the scope is never read).
/// </summary>
public sealed class Inbox(TiduDbContext db, CountCache cache, TimeProvider clock, IActorSource actors)
{
    public sealed record Item(long Id, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, bool Read);

    /// <summary>The actor's notices (tracked nowhere: read-only).</summary>
    public IQueryable<Notification> Mine()
    {
        var actor = actors.Current;
        var name = actor.Name;
        var role = actor.Role;
        var region = actor.RegionCode;
        var credit = actor.CreditCode;
        return db.Notifications.AsNoTracking().Where(n =>
            (n.RecipientUserName != null && n.RecipientUserName == name)
            || (role != null && n.RecipientRole == role
                && (n.RecipientCreditCode != null ? n.RecipientCreditCode == credit : n.RecipientRegionCode != null && n.RecipientRegionCode == region)));
    }

    public async Task<IReadOnlyList<Item>> ListAsync(bool unreadOnly, int take, CancellationToken ct)
    {
        var name = actors.Current.Name;
        var q = Mine();
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
    public Task<int> UnreadCountAsync(CancellationToken ct)
    {
        var name = actors.Current.Name;
        var role = actors.Current.Role;
        return cache.GetAsync(db.Scope, $"notifications:unread:{role}:{name}", () =>
            Mine().CountAsync(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name), ct));
    }

    /// <summary>Marks the given notices (or all of the user's when null) read; a notice not the user's is ignored. Returns how many were newly marked.</summary>
    public async Task<int> MarkReadAsync(IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        var name = actors.Current.Name;
        var now = clock.GetUtcNow();
        var q = Mine().Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name));
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
