using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application.Notifications;
namespace Tidu.Web.Notifications;

/// <summary>The caller's notices: <c>GET /api/v1/notifications[?unread=true]</c> and marking them read.</summary>
public static class NotificationsApi
{
    public sealed record MarkReadRequest(IReadOnlyList<long>? Ids);

    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/notifications", ListAsync).WithSummary("The caller's notifications, newest first, with the unread count");
        write.MapPost("/notifications/read", MarkReadAsync).WithSummary("Mark the given notifications (or, without ids, all of the caller's) read");
    }

    /// <summary>The caller's notices with their unread count.</summary>
    public sealed record NotificationList(int Unread, IReadOnlyList<Inbox.Item> Items);

    /// <summary>How many notices were marked read, and how many are left unread.</summary>
    public sealed record MarkedRead(int Marked, int Unread);

    private static async Task<Ok<NotificationList>> ListAsync(bool? unread, int? take, Inbox inbox, CancellationToken ct)
    {
        var items = await inbox.ListAsync(unread == true, Math.Clamp(take ?? 100, 1, 500), ct).ConfigureAwait(false);
        return TypedResults.Ok(new NotificationList(await inbox.UnreadCountAsync(ct).ConfigureAwait(false), items));
    }

    private static async Task<Ok<MarkedRead>> MarkReadAsync(MarkReadRequest body, Inbox inbox, CancellationToken ct)
    {
        var marked = await inbox.MarkReadAsync(body?.Ids, ct).ConfigureAwait(false);
        return TypedResults.Ok(new MarkedRead(marked, await inbox.UnreadCountAsync(ct).ConfigureAwait(false)));
    }
}
