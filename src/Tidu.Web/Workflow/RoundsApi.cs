using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Tidu.Web.Adapters;

namespace Tidu.Web.Workflow;

/// <summary>Recognition rounds: opened by a province officer for a tier, dates, rule version and city quotas; readable by every signed-in user.</summary>
public static class RoundsApi
{
    public static void MapRounds(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/rounds", ListAsync).Produces<RoundView[]>().WithSummary("Recognition rounds with their dates, rule version and quotas");
        read.MapGet("/rounds/{id:long}", GetAsync).Produces<RoundView>().WithSummary("One round");
        write.MapPost("/rounds", OpenAsync).WithSummary("Open a round (province officer): tier, dates, rule-set version, quota per city");
    }

    private static async Task<Ok<RoundView[]>> ListAsync(RoundService rounds, CancellationToken ct) =>
        TypedResults.Ok((await rounds.ListAsync(ct).ConfigureAwait(false)).Select(View).ToArray());

    private static async Task<Results<Ok<RoundView>, ProblemHttpResult>> GetAsync(long id, RoundService rounds, CancellationToken ct) =>
        (await rounds.FindAsync(id, ct).ConfigureAwait(false)).Answer(round => TypedResults.Ok(View(round)));

    private static async Task<Results<Created<RoundView>, ProblemHttpResult>> OpenAsync(OpenRoundRequest body, RoundService rounds, CancellationToken ct) =>
        (await rounds.OpenAsync(body, ct).ConfigureAwait(false)).Answer(round => TypedResults.Created($"/api/v1/rounds/{round.Id}", View(round)));

    private static RoundView View(Round r) => new(r.Id, r.Title, r.Tier, r.RegionCode, r.OpensOn, r.ClosesOn, r.RuleSetVersion, r.OpenedBy,
        r.PublicityWorkingDays, r.ValidityYears, [.. r.Quotas.OrderBy(q => q.CityCode).Select(q => new RoundQuotaView(q.CityCode, q.Quota, q.Recommended))]);
}

/// <summary>A recognition round (申报批次): its tier, region, dates, rule-set version and each city's quota.</summary>
public sealed record RoundView(long Id, string Title, string Tier, string RegionCode, DateOnly OpensOn, DateOnly ClosesOn, string RuleSetVersion, string OpenedBy,
    int PublicityWorkingDays, int ValidityYears, IReadOnlyList<RoundQuotaView> Quotas);

/// <summary>A city's quota in a round and how many of its applications the city has recommended.</summary>
public sealed record RoundQuotaView(string CityCode, int Quota, int Recommended);
