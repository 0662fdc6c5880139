using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application.Dynamic;
using Tidu.Web.Adapters;

namespace Tidu.Web.Dynamic;

/// <summary>
/// Entering an official list of recognitions (<see cref="OfficialLists"/>): tier, issuer, document number, dates and the
/// enterprises' credit codes as the issuing authority published them.
/// </summary>
public static class OfficialListsApi
{
    /// <summary>Body of POST /api/v1/recognitions/official-lists.</summary>
    public sealed record OfficialListRequest(string? Tier, string? Issuer, string? DocumentNumber, DateOnly? RecognizedOn, DateOnly? ValidUntil, IReadOnlyList<string>? CreditCodes);

    /// <summary>
    /// An entered official list: its tier, issuer, document number and dates, how many enterprises it names, how many
    /// recognitions it added or found already there, the credit codes without a file, and the hash of its sorted codes.
    /// </summary>
    public sealed record OfficialListView(long Id, string Tier, string Issuer, string DocumentNumber, DateOnly RecognizedOn, DateOnly? ValidUntil, int Listed, int Added,
        int Unchanged, IReadOnlyList<string> Unknown, string ListHash);

    public static void Map(RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(write);
        write.MapPost("/recognitions/official-lists", ImportAsync)
            .WithSummary("Enter an issuing authority's official list of recognitions (province officer): tier, issuer, document number, dates, credit codes");
    }

    private static async Task<Results<Created<OfficialListView>, ProblemHttpResult>> ImportAsync(OfficialListRequest body, OfficialLists lists, CancellationToken ct) =>
        (await lists.EnterAsync(new OfficialListEntry(body.Tier, body.Issuer, body.DocumentNumber, body.RecognizedOn, body.ValidUntil, body.CreditCodes), ct)
            .ConfigureAwait(false))
        .Answer(e => TypedResults.Created($"/api/v1/recognitions?tier={e.List.Tier}",
            new OfficialListView(e.List.Id, e.List.Tier, e.List.Issuer, e.List.DocumentNumber, e.List.RecognizedOn, e.List.ValidUntil, e.List.Listed, e.Added, e.Unchanged,
                e.Unknown, e.List.ListHash)));
}
