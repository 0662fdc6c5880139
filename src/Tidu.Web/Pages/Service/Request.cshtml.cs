using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application;
using Tidu.Application.Service;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Service;
using Tidu.Data.Registry;
using Tidu.Rules.Service;
using Tidu.Web.Resources;

namespace Tidu.Web.Pages.Service;

/// <summary>
/// One request (/Service/Requests/{id}): its deadlines, current level and history (escalations included), with the
/// forms of the user's role — officers and commissioners accept and reply, the enterprise closes with a rating 1–5.
/// Every action goes through <see cref="RequestActions"/>, as the API does; a refusal is shown in Chinese.
/// </summary>
public sealed class RequestModel(RequestActions actions, ServiceRules rules, TimeProvider clock, ILogger<RequestModel> log) : PageModel
{
    public EnterpriseRequest? Item { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Message { get; private set; }
    public bool Saved { get; private set; }

    public bool CanAnswer => actions.Answers;
    public bool CanClose => actions.Closes;

    /// <summary>The revision the form was shown at: an action on a stale view is refused.</summary>
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string? ReplyText { get; set; }
    [BindProperty] public int? Satisfaction { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, bool saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(id, ct).ConfigureAwait(false) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken ct) =>
        ActAsync(id, actions.AcceptAsync(id, Revision, ct), ct);

    public Task<IActionResult> OnPostReplyAsync(long id, CancellationToken ct) =>
        ActAsync(id, actions.ReplyAsync(id, ReplyText, Revision, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        ActAsync(id, actions.CloseAsync(id, Satisfaction, Revision, ct), ct);

    private async Task<IActionResult> ActAsync(long id, Task<Outcome<EnterpriseRequest>> action, CancellationToken ct)
    {
        var outcome = await action.ConfigureAwait(false);
        if (outcome.Refusal is { } refused)
        {
            log.LogInformation("request {Id} action refused: {Reason}", id, refused.En);
            if (refused.Kind == RefusalKind.NotFound)
            {
                return NotFound();
            }
            Message = refused.Zh;
            return await LoadAsync(id, ct).ConfigureAwait(false) ? Page() : NotFound();
        }
        return RedirectToPage(new { id, saved = true });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        Today = ChinaCalendar.Today(clock);
        Item = await actions.FindAsync(id, ct).ConfigureAwait(false);
        return Item is not null;
    }

    public string CategoryTitle(string id) => rules.Category(id)?.Title ?? id;

    public static string EntryKind(string kind) => kind switch
    {
        "submit" => Ui.ServiceEntrySubmit,
        "accept" => Ui.ServiceEntryAccept,
        "reply" => Ui.ServiceEntryReply,
        "close" => Ui.ServiceEntryClose,
        "escalate" => Ui.ServiceEntryEscalate,
        _ => kind,
    };
}
