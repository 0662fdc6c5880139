using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application;
using Tidu.Application.Workflow;
using Tidu.Web.Adapters;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Web.Workflow;

/// <summary>
/// Applications (申报) and their review chain. Region scope is the database's: an officer only finds applications
/// of enterprises in their region (another county's is a 404 and nothing changes). Every decision carries the
/// revision the officer saw; a decision on a stale revision is a 409 and the first decision stands.
/// </summary>
public static class ApplicationsApi
{
    public static void MapApplications(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/applications", ListAsync).WithSummary("Applications in the caller's scope (filter by round and state; queue=true: those waiting at the caller's level)");
        read.MapGet("/applications/{id:long}", GetAsync).WithSummary("One application with its pre-evaluation and every decision");
        write.MapPost("/applications", SubmitAsync).WithSummary("The enterprise applies to an open round; the answer shows the pre-evaluation and gap");
        write.MapPost("/applications/{id:long}/resubmit", ResubmitAsync).WithSummary("The enterprise resubmits an application returned for correction");
        PublicityApi.Map(write);
        write.MapPost("/applications/{id:long}/decisions", DecideAsync).WithSummary("County first review, city recommendation (within quota), province review");
    }

    // The same query as the review queue page: ?queue=true lists what waits at the caller's level.
    private static async Task<Results<Ok<ApplicationSummaryView[]>, ProblemHttpResult>> ListAsync(long? round, string? state, bool? queue, ApplicationQueries applications,
        CancellationToken ct) =>
        (await applications.ListAsync(new ApplicationFilter(round, state, queue ?? false), ct).ConfigureAwait(false))
            .Answer(list => TypedResults.Ok(list.Items.Select(ApplicationSummaryView.Of).ToArray()));

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> GetAsync(long id, ApplicationQueries applications, CancellationToken ct) =>
        (await applications.GetAsync(id, ct).ConfigureAwait(false)).Answer(a => TypedResults.Ok(ApplicationView.Of(a, null)));

    private static async Task<Results<Created<ApplicationView>, ProblemHttpResult>> SubmitAsync(SubmitRequest body, ApplicationService applications, CancellationToken ct) =>
        (await applications.SubmitAsync(body.RoundId, body.DeclaredTrue, ct).ConfigureAwait(false))
            .Answer(d => TypedResults.Created($"/api/v1/applications/{d.Application.Id}", ApplicationView.Of(d.Application, d.GapJson)));

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> ResubmitAsync(long id, ResubmitRequest body, ApplicationService applications, CancellationToken ct) =>
        Answer(await applications.ResubmitAsync(id, body.Revision, body.DeclaredTrue, ct).ConfigureAwait(false));

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> DecideAsync(long id, DecisionRequest body, ApplicationService applications, CancellationToken ct) =>
        Answer(await applications.DecideAsync(id, body.Decision, body.Reason, body.Revision, body.Override, ct).ConfigureAwait(false));

    /// <summary>200 with the application after the step, or the refusal as ProblemDetails.</summary>
    internal static Results<Ok<ApplicationView>, ProblemHttpResult> Answer(Outcome<Decided> outcome) =>
        outcome.Answer(d => TypedResults.Ok(ApplicationView.Of(d.Application, d.GapJson)));
}
