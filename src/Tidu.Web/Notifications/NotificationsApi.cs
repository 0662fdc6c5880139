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

    private static async Task<IResult> ListAsync(bool? unread, int? take, HttpContext http, Inbox inbox, CancellationToken ct)
    {
        var items = await inbox.ListAsync(http.User, unread == true, Math.Clamp(take ?? 100, 1, 500), ct).ConfigureAwait(false);
        var count = await inbox.UnreadCountAsync(http.User, ct).ConfigureAwait(false);
        return Results.Ok(new { unread = count, items });
    }

    private static async Task<IResult> MarkReadAsync(MarkReadRequest body, HttpContext http, Inbox inbox, TimeProvider clock, CancellationToken ct)
    {
        var marked = await inbox.MarkReadAsync(http.User, body?.Ids, clock.GetUtcNow(), ct).ConfigureAwait(false);
        return Results.Ok(new { marked, unread = await inbox.UnreadCountAsync(http.User, ct).ConfigureAwait(false) });
    }
}
