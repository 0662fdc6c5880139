using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Web.Notifications;

namespace Tidu.Web.Pages.Notifications;

/// <summary>The user's inbox (站内消息): notices of the workflow steps that concern them, newest first, marked read per user.</summary>
public sealed class IndexModel(Inbox inbox, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }

    public IReadOnlyList<Inbox.Item> Items { get; private set; } = [];
    public int UnreadCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await inbox.ListAsync(User, Unread, 200, ct).ConfigureAwait(false);
        UnreadCount = await inbox.UnreadCountAsync(User, ct).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostReadAsync(long? id, CancellationToken ct)
    {
        await inbox.MarkReadAsync(User, id is { } one ? [one] : null, clock.GetUtcNow(), ct).ConfigureAwait(false);
        return RedirectToPage(new { Unread });
    }
}
