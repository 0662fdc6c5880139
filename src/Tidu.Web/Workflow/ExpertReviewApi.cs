using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Tidu.Web.Adapters;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Web.Workflow;

/// <summary>
/// The expert review endpoints (专家评审); the steps and their rules are <see cref="ExpertReviewService"/>'s, shared with the pages.
/// </summary>
public static class ExpertReviewApi
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        write.MapPut("/rounds/{id:long}/expert-review", SetAsync).WithSummary("Set a round's expert review: experts per application, pass mark, scoring sheet (province officer)");
        read.MapGet("/applications/{id:long}/expert-review", GetAsync).WithSummary("Expert review of an application: settings, assignments and scores in the caller's scope, average");
        write.MapPost("/applications/{id:long}/experts", AssignAsync).WithSummary("Assign an expert to a city-recommended application (province officer); conflicts refused");
        write.MapPost("/applications/{id:long}/expert-review/declaration", DeclareAsync).WithSummary("The assigned expert declares a conflict of interest, or none");
        write.MapPost("/applications/{id:long}/expert-review/scores", ScoreAsync).WithSummary("The assigned expert scores every sheet item with a comment");
        write.MapPost("/applications/{id:long}/expert-review/conclude", ConcludeAsync).WithSummary("Conclude the expert review on the average of the scores (province officer)");
    }

    private static async Task<Results<Ok<ExpertReviewSettingsView>, ProblemHttpResult>> SetAsync(long id, ExpertReviewSettingsRequest body, ExpertReviewService review, CancellationToken ct) =>
        (await review.SetAsync(id, body, ct).ConfigureAwait(false)).Answer(s => TypedResults.Ok(ExpertReviewSettingsView.Of(s)));

    private static async Task<Results<Ok<ExpertReviewView>, ProblemHttpResult>> GetAsync(long id, ExpertReviewService review, CancellationToken ct) =>
        (await review.ReadAsync(id, ct).ConfigureAwait(false)).Answer(s => TypedResults.Ok(ExpertReviewView.Of(s)));

    private static async Task<Results<Ok<ExpertReviewView>, ProblemHttpResult>> AssignAsync(long id, AssignExpertRequest body, ExpertReviewService review, CancellationToken ct) =>
        (await review.AssignAsync(id, body.Expert, ct).ConfigureAwait(false)).Answer(s => TypedResults.Ok(ExpertReviewView.Of(s)));

    private static async Task<Results<Ok<ExpertAssignmentView>, ProblemHttpResult>> DeclareAsync(long id, ConflictDeclarationRequest body, ExpertReviewService review, CancellationToken ct) =>
        (await review.DeclareAsync(id, body.HasConflict, body.Statement, ct).ConfigureAwait(false)).Answer(x => TypedResults.Ok(ExpertAssignmentView.Of(x)));

    private static async Task<Results<Ok<ExpertAssignmentView>, ProblemHttpResult>> ScoreAsync(long id, ExpertScoreRequest body, ExpertReviewService review, CancellationToken ct) =>
        (await review.ScoreAsync(id, body.Scores, body.Comment, ct).ConfigureAwait(false)).Answer(x => TypedResults.Ok(ExpertAssignmentView.Of(x)));

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> ConcludeAsync(long id, RevisionRequest body, ExpertReviewService review, CancellationToken ct) =>
        ApplicationsApi.Answer(await review.ConcludeAsync(id, body.Revision, ct).ConfigureAwait(false));
}

/// <summary>
/// An application's expert review (专家评审) as the caller may see it: the round's settings, the assignments in the
/// caller's scope, how many scored, the average and whether it passes, and the conclusion once recorded.
/// </summary>
public sealed record ExpertReviewView(long ApplicationId, int Revision, ExpertReviewSettingsView? Settings, IReadOnlyList<ExpertAssignmentView> Assignments,
    int Scored, decimal? Average, bool? Passed, ExpertReviewConclusionView? Concluded)
{
    public static ExpertReviewView Of(ExpertReviewState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(state.Application.Id, state.Application.Revision, state.Settings is null ? null : ExpertReviewSettingsView.Of(state.Settings),
            [.. state.Assignments.Select(ExpertAssignmentView.Of)], state.Outcome.Scored, state.Outcome.Average, state.Outcome.Passed,
            state.Concluded is null ? null : new(state.Concluded.Actor, state.Concluded.At, state.Concluded.Reason, state.Concluded.RuleVersion));
    }
}

/// <summary>Who concluded the expert review, when, why, and under which rule version.</summary>
public sealed record ExpertReviewConclusionView(string Actor, DateTimeOffset At, string? Reason, string RuleVersion);

/// <summary>A round's expert review settings: experts per application, the pass mark and the scoring sheet.</summary>
public sealed record ExpertReviewSettingsView(long RoundId, int ExpertsPerApplication, decimal PassMark, IReadOnlyList<ScoreSheetItem> ScoreSheet, string SetBy,
    DateTimeOffset SetAt)
{
    public static ExpertReviewSettingsView Of(RoundExpertReview s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.RoundId, s.ExpertsPerApplication, s.PassMark, ExpertReviewOutcome.Sheet(s), s.SetBy, s.SetAt);
    }
}

/// <summary>An expert's assignment to an application: the conflict-of-interest declaration, the score per sheet item, the total and the comment.</summary>
public sealed record ExpertAssignmentView(long Id, long ApplicationId, string Expert, string AssignedBy, DateTimeOffset AssignedAt, bool? HasConflict,
    string? ConflictStatement, DateTimeOffset? DeclaredAt, IReadOnlyDictionary<string, decimal>? ItemScores, decimal? TotalScore, string? Comment, DateTimeOffset? ScoredAt)
{
    public static ExpertAssignmentView Of(ExpertAssignment x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.ApplicationId, x.ExpertUserName, x.AssignedBy, x.AssignedAt, x.HasConflict, x.ConflictStatement, x.DeclaredAt,
            x.ItemScores is null ? null : JsonSerializer.Deserialize<Dictionary<string, decimal>>(x.ItemScores), x.TotalScore, x.Comment, x.ScoredAt);
    }
}
