using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Domain.Regions;
using Tidu.Web.Workflow;

namespace Tidu.Web.Pages.Applications;

/// <summary>
/// One application: its state, the evaluation it was submitted with (every check with actual, required, outcome,
/// citation), every step of the chain with actor, time and reason, objections — and the forms of the steps the reader
/// may take now. Every form carries the revision shown; a step someone else took first is refused with the conflict
/// message and nothing of ours is saved. The steps are the API's (<see cref="ApplicationService"/>, <see cref="PublicityService"/>).
/// </summary>
public sealed class DetailModel(ApplicationService applications, PublicityService publicity, RegionTree regions) : PageModel
{
    public Application Application { get; private set; } = null!;
    public IReadOnlyList<CheckRow> Checks { get; private set; } = [];

    /// <summary>Shown to the enterprise when its application came back: its file evaluated again today, with the gap.</summary>
    public PreEvaluation? Fresh { get; private set; }

    public string? Level { get; private set; }

    /// <summary>The refusal of the step just tried (Chinese), or null.</summary>
    public string? Message { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public string RegionName(string code) => regions.Find(code)?.Name ?? code;

    public bool IsEnterprise => User.IsInRole(Roles.Enterprise);

    public IEnumerable<ReviewChain.Step> OpenSteps => Level is null ? [] : ReviewChain.Open(Level, Application.State);

    public bool IsProvince => Level == "province";

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowAsync(id, null, ct);

    public async Task<IActionResult> OnPostDecideAsync(long id, string decision, string? reason, int revision, CancellationToken ct) =>
        await AfterAsync(id, await applications.DecideAsync(id, decision, reason, revision, User, ct).ConfigureAwait(false), Labels.Decision(decision), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostResubmitAsync(long id, int revision, bool declaredTrue, CancellationToken ct) =>
        await AfterAsync(id, await applications.ResubmitAsync(id, revision, declaredTrue, User, ct).ConfigureAwait(false), Labels.Decision("resubmit"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostPublicityAsync(long id, int revision, CancellationToken ct) =>
        await AfterAsync(id, await publicity.StartAsync(id, revision, User, ct).ConfigureAwait(false), Labels.Decision("publicize"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostObjectAsync(long id, string? reason, int revision, CancellationToken ct) =>
        await AfterAsync(id, await publicity.ObjectAsync(id, reason, revision, User, ct).ConfigureAwait(false), Labels.Decision("object"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostResolveAsync(long id, long objectionId, string outcome, string? reason, int revision, CancellationToken ct) =>
        await AfterAsync(id, await publicity.ResolveAsync(id, objectionId, outcome, reason, revision, User, ct).ConfigureAwait(false),
            Labels.Decision(outcome == "upheld" ? "uphold-objection" : "dismiss-objection"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostRecognizeAsync(long id, int revision, CancellationToken ct) =>
        await AfterAsync(id, await publicity.RecognizeAsync(id, revision, User, ct).ConfigureAwait(false), Labels.Decision("recognize"), ct).ConfigureAwait(false);

    /// <summary>After a step: back to the page (post-redirect-get) when it was taken; the page with the reason when refused.</summary>
    private async Task<IActionResult> AfterAsync(long id, WorkflowOutcome<Decided> outcome, string step, CancellationToken ct)
    {
        if (outcome.Value is not null)
        {
            Done = Resources.Ui.StepDone.Replace("{0}", step, StringComparison.Ordinal);
            return Redirect($"/Applications/{id}");
        }
        // Not in scope reads as "not found" on the page as on the API (ShowAsync finds nothing).
        applications.DiscardUnsaved();
        return await ShowAsync(id, outcome.Refusal!.Zh, ct).ConfigureAwait(false);
    }

    private async Task<IActionResult> ShowAsync(long id, string? message, CancellationToken ct)
    {
        if (await applications.LoadAsync(id, ct).ConfigureAwait(false) is not { } application)
        {
            return NotFound();
        }
        Application = application;
        Message = message;
        Level = ReviewChain.LevelOf(User);
        Checks = CheckRow.FromTrace(application.PreEvaluation, application.Round.Tier);
        if (IsEnterprise && application.State == ApplicationState.Returned)
        {
            Fresh = (await applications.PreviewAsync(application.Round, ct).ConfigureAwait(false)).Value;
        }
        return Page();
    }
}
