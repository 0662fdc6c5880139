using Tidu.Data.Entities.Sharing;
using Tidu.Data.Identity;
using Tidu.Web.Api;

namespace Tidu.Web.Sharing;

/// <summary>Consent to share an enterprise's entry on the lists, by API (signed-in enterprise users and officers).</summary>
public static class ConsentsApi
{
    /// <summary>Body of a consent: the kind of recipient, and for an officer the paper form's reference.</summary>
    public sealed record ConsentRequest(string? RecipientKind, string? PaperReference);

    public static void MapConsentsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/enterprises/{creditCode}/consents").WithTags("lists")
            .RequireAuthorization(p => p.RequireRole([Roles.Enterprise, .. Roles.Officers]));
        group.MapGet("", ListAsync).WithSummary("Consents to share this enterprise on recipients' lists, with their withdrawals");
        group.MapPost("", GiveAsync).AddEndpointFilter(TiduApi.CsrfForCookies)
            .WithSummary("Give consent (enterprise user) or record a paper consent (officer; paperReference required) for a recipient kind");
        group.MapPost("/{id:long}/withdraw", WithdrawAsync).AddEndpointFilter(TiduApi.CsrfForCookies).WithSummary("Withdraw a consent");
    }

    private static async Task<IResult> ListAsync(string creditCode, Consents consents, CancellationToken ct) =>
        await consents.ListAsync(creditCode, ct).ConfigureAwait(false) is { } list
            ? Results.Ok(list.Select(Row))
            : Results.Problem(title: "未找到该企业（或不在您的管辖范围内）", detail: $"no enterprise {creditCode} in the caller's scope", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> GiveAsync(string creditCode, ConsentRequest body, HttpContext http, Consents consents, CancellationToken ct) =>
        Answer(await consents.GiveAsync(creditCode, body.RecipientKind, body.PaperReference, http.User, ct).ConfigureAwait(false));

    private static async Task<IResult> WithdrawAsync(string creditCode, long id, HttpContext http, Consents consents, CancellationToken ct) =>
        Answer(await consents.WithdrawAsync(creditCode, id, http.User, ct).ConfigureAwait(false));

    private static IResult Answer(ConsentOutcome outcome) =>
        outcome.Consent is { } c
            ? Results.Json(Row(c), statusCode: outcome.Status)
            : Results.Problem(title: outcome.Problem, detail: outcome.ProblemEn, statusCode: outcome.Status);

    private static object Row(SharingConsent c) => new
    {
        c.Id,
        c.RecipientKind,
        c.Basis,
        c.PaperReference,
        c.GivenAt,
        c.GivenBy,
        c.WithdrawnAt,
        c.WithdrawnBy,
        active = c.Active,
    };
}
