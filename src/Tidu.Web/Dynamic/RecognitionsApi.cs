using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application.Dynamic;
using Tidu.Web.Adapters;

namespace Tidu.Web.Dynamic;

/// <summary>Recognitions and their re-review over HTTP: the calls of <see cref="Recognitions"/>, shared with the recognitions page.</summary>
public static class RecognitionsApi
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/recognitions", ListAsync).WithSummary("Recognitions in the caller's scope with their status today (valid, re-review-due, expired, revoked)");
        read.MapGet("/recognitions/{id:long}", GetAsync).WithSummary("One recognition with its status and re-review decisions");
        read.MapGet("/recognitions/{id:long}/re-review", PreviewAsync).WithSummary("Re-review on current data: the enterprise's current file under the tier's rule version in force today");
        write.MapPost("/recognitions/{id:long}/decisions", DecideAsync).WithSummary("Keep (validity extended) or revoke (re-application barred) with a reason (province officer)");
    }

    private static async Task<Results<Ok<RecognitionList>, ProblemHttpResult>> ListAsync(string? status, string? tier, int? take, Recognitions recognitions, CancellationToken ct) =>
        (await recognitions.ListAsync(status, tier, take, ct).ConfigureAwait(false)).Answer(TypedResults.Ok);

    private static async Task<Results<Ok<RecognitionDetail>, ProblemHttpResult>> GetAsync(long id, Recognitions recognitions, CancellationToken ct) =>
        (await recognitions.GetAsync(id, ct).ConfigureAwait(false)).Answer(TypedResults.Ok);

    private static async Task<Results<Ok<ReReviewPreview>, ProblemHttpResult>> PreviewAsync(long id, Recognitions recognitions, CancellationToken ct) =>
        (await recognitions.PreviewAsync(id, ct).ConfigureAwait(false)).Answer(TypedResults.Ok);

    private static async Task<Results<Ok<RecognitionDetail>, ProblemHttpResult>> DecideAsync(long id, ReviewRequest body, Recognitions recognitions, CancellationToken ct) =>
        (await recognitions.DecideAsync(id, body, ct).ConfigureAwait(false)).Answer(TypedResults.Ok);
}
