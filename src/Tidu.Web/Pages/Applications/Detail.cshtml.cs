using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Domain.Regions;

namespace Tidu.Web.Pages.Applications;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// One application: its state, the evaluation it was submitted with (every check with actual, required, outcome,
/// citation), every step of the chain with actor, time and reason, objections — and the forms of the steps the reader
/// may take now. Every form carries the revision shown; a step someone else took first is refused with the conflict
/// message and nothing of ours is saved. The steps are the API's (<see cref="ApplicationService"/>, <see cref="PublicityService"/>,
/// <see cref="ExpertReviewService"/>): the province sets the round's expert review, assigns experts and concludes; an
/// assigned expert declares a conflict of interest (or none) and scores.
/// </summary>
public sealed class DetailModel(ApplicationService applications, PublicityService publicity, ExpertReviewService review, RegionTree regions, IActorSource actors) : PageModel
{
    public Application Application { get; private set; } = null!;

    /// <summary>Shown to the enterprise when its application came back: its file evaluated again today, with the gap.</summary>
    public PreEvaluation? Fresh { get; private set; }

    public string? Level { get; private set; }

    /// <summary>The refusal of the step just tried (Chinese), or null.</summary>
    public string? Message { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public string RegionName(string code) => regions.Find(code)?.Name ?? code;

    public bool IsEnterprise => User.IsInRole(Roles.Enterprise);

    /// <summary>The review decisions (approve, return, reject, recommend) the reader's role may take now, from the lifecycle table.</summary>
    public IEnumerable<Transition> OpenSteps => Lifecycle.Open(Application.State, actors.Current.Role)
        .Where(t => Lifecycle.DecisionTrigger(actors.Current.Role, t.Decision) == t.Trigger).DistinctBy(t => t.Decision);

    /// <summary>
    /// An approval or recommendation is open while the reviewers' evaluation does not qualify: the page warns and asks for
    /// the override reason the step then needs.
    /// </summary>
    public bool NeedsOverride => OpenSteps.Any(t => t.Advances) && ReviewerEvaluation.Qualifies(Application) == false;

    public bool IsProvince => Level == "province";

    public bool IsExpert => User.IsInRole(Roles.Expert);

    /// <summary>The expert review as the reader may see it (a province officer all of it, an expert their own assignment); null for others.</summary>
    public ExpertReviewState? Review { get; private set; }

    /// <summary>The expert users the province may assign (only loaded while it can assign).</summary>
    public IReadOnlyList<string> ExpertNames { get; private set; } = [];

    public ExpertReviewOptions ReviewDefaults => review.Defaults;

    /// <summary>The expert review is open: the city recommended the application and the province has not concluded.</summary>
    public bool ReviewOpen => Application.State is ApplicationState.CityRecommended or ApplicationState.ExpertReview && Review is { Concluded: null };

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowAsync(id, null, ct);

    public async Task<IActionResult> OnPostDecideAsync(long id, string decision, string? reason, int revision, string? @override, CancellationToken ct) =>
        await AfterAsync(id, await applications.DecideAsync(id, decision, reason, revision, @override, ct).ConfigureAwait(false), Labels.Decision(decision), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostResubmitAsync(long id, int revision, bool declaredTrue, CancellationToken ct) =>
        await AfterAsync(id, await applications.ResubmitAsync(id, revision, declaredTrue, ct).ConfigureAwait(false), Labels.Decision("resubmit"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostPublicityAsync(long id, int revision, CancellationToken ct) =>
        await AfterAsync(id, await publicity.StartAsync(id, revision, ct).ConfigureAwait(false), Labels.Decision("publicize"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostObjectAsync(long id, string? reason, int revision, CancellationToken ct) =>
        await AfterAsync(id, await publicity.ObjectAsync(id, reason, revision, ct).ConfigureAwait(false), Labels.Decision("object"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostResolveAsync(long id, long objectionId, string outcome, string? reason, int revision, CancellationToken ct) =>
        await AfterAsync(id, await publicity.ResolveAsync(id, objectionId, outcome, reason, revision, ct).ConfigureAwait(false),
            Labels.Decision(outcome == "upheld" ? "uphold-objection" : "dismiss-objection"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostRecognizeAsync(long id, int revision, CancellationToken ct) =>
        await AfterAsync(id, await publicity.RecognizeAsync(id, revision, ct).ConfigureAwait(false), Labels.Decision("recognize"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostSetExpertReviewAsync(long id, int? expertsPerApplication, decimal? passMark, CancellationToken ct) =>
        await AfterAsync(id, await review.SetAsync(await RoundOfAsync(id, ct).ConfigureAwait(false), new ExpertReviewSettingsRequest(expertsPerApplication, passMark, null), ct)
            .ConfigureAwait(false), Labels.Decision("set-expert-review"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostAssignExpertAsync(long id, string? expert, CancellationToken ct) =>
        await AfterAsync(id, await review.AssignAsync(id, expert, ct).ConfigureAwait(false), Labels.Decision("assign-expert"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostDeclareAsync(long id, bool hasConflict, string? statement, CancellationToken ct) =>
        await AfterAsync(id, await review.DeclareAsync(id, hasConflict, statement, ct).ConfigureAwait(false),
            Labels.Decision(hasConflict ? "declare-conflict" : "declare-no-conflict"), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostScoreAsync(long id, Dictionary<string, decimal>? scores, string? comment, CancellationToken ct)
    {
        // A blank or non-numeric box does not bind: the service then reports the item as not scored.
        return await AfterAsync(id, await review.ScoreAsync(id, scores, comment, ct).ConfigureAwait(false), Labels.Decision("score"), ct).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostConcludeAsync(long id, int revision, CancellationToken ct) =>
        await AfterAsync(id, await review.ConcludeAsync(id, revision, ct).ConfigureAwait(false), Labels.Decision(ExpertReviewService.ConcludeDecision), ct).ConfigureAwait(false);

    /// <summary>The round of an application in scope; 0 (no such round) when the application is not, so the service answers "not found".</summary>
    private async Task<long> RoundOfAsync(long id, CancellationToken ct) =>
        (await applications.LoadAsync(id, ct).ConfigureAwait(false))?.RoundId ?? 0;

    /// <summary>After a step: back to the page (post-redirect-get) when it was taken; the page with the reason when refused.</summary>
    private async Task<IActionResult> AfterAsync<T>(long id, Outcome<T> outcome, string step, CancellationToken ct)
        where T : class
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
        Level = Lifecycle.LevelOf(actors.Current.Role);
        if (IsEnterprise && application.State == ApplicationState.Returned)
        {
            Fresh = (await applications.PreviewAsync(application.Round, ct).ConfigureAwait(false)).Value;
        }
        if (IsProvince || IsExpert)
        {
            Review = await review.StateOfAsync(application, ct).ConfigureAwait(false);
            if (IsProvince && ReviewOpen)
            {
                ExpertNames = await review.ExpertUserNamesAsync(ct).ConfigureAwait(false);
            }
        }
        return Page();
    }
}
