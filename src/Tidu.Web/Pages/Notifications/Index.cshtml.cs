using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Notifications;

namespace Tidu.Web.Pages.Notifications;

/// <summary>The user's inbox (站内消息): notices of the workflow steps that concern them, newest first, marked read per user.</summary>
public sealed class IndexModel(Inbox inbox) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }

    public IReadOnlyList<Inbox.Item> Items { get; private set; } = [];
    public int UnreadCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await inbox.ListAsync(Unread, 200, ct).ConfigureAwait(false);
        UnreadCount = await inbox.UnreadCountAsync(ct).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostReadAsync(long? id, CancellationToken ct)
    {
        await inbox.MarkReadAsync(id is { } one ? [one] : null, ct).ConfigureAwait(false);
        return RedirectToPage(new { Unread });
    }
}
