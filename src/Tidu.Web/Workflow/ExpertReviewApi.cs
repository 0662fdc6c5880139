using System.Text.Json;
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

    private static async Task<IResult> SetAsync(long id, ExpertReviewSettingsRequest body, ExpertReviewService review, CancellationToken ct) =>
        (await review.SetAsync(id, body, ct).ConfigureAwait(false)).ToResult(s => Results.Ok(SettingsView(s)));

    private static async Task<IResult> GetAsync(long id, ExpertReviewService review, CancellationToken ct) =>
        (await review.ReadAsync(id, ct).ConfigureAwait(false)).ToResult(View);

    private static async Task<IResult> AssignAsync(long id, AssignExpertRequest body, ExpertReviewService review, CancellationToken ct) =>
        (await review.AssignAsync(id, body.Expert, ct).ConfigureAwait(false)).ToResult(View);

    private static async Task<IResult> DeclareAsync(long id, ConflictDeclarationRequest body, ExpertReviewService review, CancellationToken ct) =>
        (await review.DeclareAsync(id, body.HasConflict, body.Statement, ct).ConfigureAwait(false)).ToResult(x => Results.Ok(AssignmentView(x)));

    private static async Task<IResult> ScoreAsync(long id, ExpertScoreRequest body, ExpertReviewService review, CancellationToken ct) =>
        (await review.ScoreAsync(id, body.Scores, body.Comment, ct).ConfigureAwait(false)).ToResult(x => Results.Ok(AssignmentView(x)));

    private static async Task<IResult> ConcludeAsync(long id, RevisionRequest body, ExpertReviewService review, CancellationToken ct) =>
        ApplicationsApi.Answer(await review.ConcludeAsync(id, body.Revision, ct).ConfigureAwait(false));

    private static IResult View(ExpertReviewState state) => Results.Ok(new
    {
        applicationId = state.Application.Id,
        state.Application.Revision,
        settings = state.Settings is null ? null : SettingsView(state.Settings),
        assignments = state.Assignments.Select(AssignmentView),
        state.Outcome.Scored,
        state.Outcome.Average,
        state.Outcome.Passed,
        concluded = state.Concluded is null ? null : new { state.Concluded.Actor, state.Concluded.At, state.Concluded.Reason, state.Concluded.RuleVersion },
    });

    private static object SettingsView(RoundExpertReview s) => new
    {
        s.RoundId,
        s.ExpertsPerApplication,
        s.PassMark,
        scoreSheet = ExpertReviewOutcome.Sheet(s),
        s.SetBy,
        s.SetAt,
    };

    private static object AssignmentView(ExpertAssignment x) => new
    {
        x.Id,
        x.ApplicationId,
        expert = x.ExpertUserName,
        x.AssignedBy,
        x.AssignedAt,
        x.HasConflict,
        x.ConflictStatement,
        x.DeclaredAt,
        itemScores = x.ItemScores is null ? null : JsonSerializer.Deserialize<Dictionary<string, decimal>>(x.ItemScores),
        x.TotalScore,
        x.Comment,
        x.ScoredAt,
    };
}
