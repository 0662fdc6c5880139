using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application.Sharing;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Identity;
using Tidu.Web.Adapters;
using Tidu.Web.Api;

namespace Tidu.Web.Sharing;

/// <summary>Consent to share an enterprise's entry on the lists, by API (signed-in enterprise users and officers).</summary>
public static class ConsentsApi
{
    /// <summary>Body of a consent: the kind of recipient, and for an officer the paper form's reference.</summary>
    public sealed record ConsentRequest(string? RecipientKind, string? PaperReference);

    public static void MapConsentsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/enterprises/{creditCode}/consents").WithTags("lists");
        group.MapGet("", ListAsync).WithSummary("Consents to share this enterprise on recipients' lists, with their withdrawals");
        group.MapPost("", GiveAsync).AddEndpointFilter(TiduApi.CsrfForCookies)
            .WithSummary("Give consent (enterprise user) or record a paper consent (officer; paperReference required) for a recipient kind");
        group.MapPost("/{id:long}/withdraw", WithdrawAsync).AddEndpointFilter(TiduApi.CsrfForCookies).WithSummary("Withdraw a consent");
    }

    private static async Task<Results<Ok<ConsentView[]>, ProblemHttpResult>> ListAsync(string creditCode, Consents consents, CancellationToken ct) =>
        (await consents.ListAsync(creditCode, ct).ConfigureAwait(false)).Answer(list => TypedResults.Ok(list.Select(ConsentView.Of).ToArray()));

    private static async Task<Results<Created<ConsentView>, Ok<ConsentView>, ProblemHttpResult>> GiveAsync(string creditCode, ConsentRequest body, Consents consents, CancellationToken ct) =>
        (await consents.GiveAsync(creditCode, body.RecipientKind, body.PaperReference, ct).ConfigureAwait(false)).Match<Results<Created<ConsentView>, Ok<ConsentView>, ProblemHttpResult>>(
            c => c.Created ? TypedResults.Created($"/api/v1/enterprises/{creditCode}/consents", ConsentView.Of(c.Consent)) : TypedResults.Ok(ConsentView.Of(c.Consent)),
            r => r.ToProblem());

    private static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> WithdrawAsync(string creditCode, long id, Consents consents, CancellationToken ct) =>
        (await consents.WithdrawAsync(creditCode, id, ct).ConfigureAwait(false)).Answer(c => TypedResults.Ok(ConsentView.Of(c.Consent)));
}

/// <summary>A consent as the API shows it: to whom, on what basis, given and (if so) withdrawn by whom and when.</summary>
public sealed record ConsentView(long Id, string RecipientKind, string Basis, string? PaperReference, DateTimeOffset GivenAt, string GivenBy,
    DateTimeOffset? WithdrawnAt, string? WithdrawnBy, bool Active)
{
    public static ConsentView Of(SharingConsent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.RecipientKind, c.Basis, c.PaperReference, c.GivenAt, c.GivenBy, c.WithdrawnAt, c.WithdrawnBy, c.Active);
    }
}
