using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application.Workflow;
namespace Tidu.Web.Workflow;

/// <summary>
/// After province approval (docs/procedure.md): publicity (公示) for the round's number of working days,
/// objections (异议) recorded by officers and resolved by the province (upheld rejects the application), and
/// recognition (认定): a unique certificate number and a recognition added to the enterprise's file. Recognition is
/// refused while publicity runs or an objection is open. Every step is a decision of the application (see <see cref="PublicityService"/>).
/// </summary>
public static class PublicityApi
{
    public static void Map(RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(write);
        write.MapPost("/applications/{id:long}/publicity", StartAsync).WithSummary("Start publicity of a province-approved application (province officer)");
        write.MapPost("/applications/{id:long}/objections", ObjectAsync).WithSummary("Record an objection raised during publicity (officer)");
        write.MapPost("/applications/{id:long}/objections/{objectionId:long}/resolve", ResolveAsync).WithSummary("Uphold (rejects the application) or dismiss an objection (province officer)");
        write.MapPost("/applications/{id:long}/recognize", RecognizeAsync).WithSummary("Recognise after publicity with no open objection: certificate number and enterprise recognition (province officer)");
    }

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> StartAsync(long id, RevisionRequest body, PublicityService publicity, CancellationToken ct) =>
        ApplicationsApi.Answer(await publicity.StartAsync(id, body.Revision, ct).ConfigureAwait(false));

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> ObjectAsync(long id, ObjectionRequest body, PublicityService publicity, CancellationToken ct) =>
        ApplicationsApi.Answer(await publicity.ObjectAsync(id, body.Reason, body.Revision, ct).ConfigureAwait(false));

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> ResolveAsync(long id, long objectionId, ResolveObjectionRequest body, PublicityService publicity, CancellationToken ct) =>
        ApplicationsApi.Answer(await publicity.ResolveAsync(id, objectionId, body.Outcome, body.Reason, body.Revision, ct).ConfigureAwait(false));

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> RecognizeAsync(long id, RevisionRequest body, PublicityService publicity, CancellationToken ct) =>
        ApplicationsApi.Answer(await publicity.RecognizeAsync(id, body.Revision, ct).ConfigureAwait(false));
}
