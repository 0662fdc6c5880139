using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application.Dynamic;
using Tidu.Application.Screening;
using Tidu.Web.Adapters;

namespace Tidu.Web.Dynamic;

/// <summary>Cultivation pools per tier over HTTP: the calls of <see cref="Pools"/>, shared with the pools page.</summary>
public static class PoolsApi
{
    public sealed record EntryRequest(string CreditCode, string Tier, string Pool, string? Reason);

    public sealed record ExitRequest(string? Reason);

    public sealed record AcceptRequest(string Tier, IReadOnlyList<string> CreditCodes, string? Reason);

    /// <summary>An enterprise's stay in a pool: pool as an id (reserve, nurture, elevate) and in Chinese.</summary>
    public sealed record PoolStayView(long Id, string CreditCode, string EnterpriseName, string Tier, string Pool, string PoolLabel, string Source, DateOnly EnteredOn,
        string EnteredBy, string EntryReason, DateOnly? ExitedOn, string? ExitedBy, string? ExitReason)
    {
        public static PoolStayView Of(PoolStay s)
        {
            ArgumentNullException.ThrowIfNull(s);
            return new(s.Id, s.CreditCode, s.Name, s.Tier, Pools.Name(s.Pool), Pools.Label(s.Pool), s.Source, s.EnteredOn, s.EnteredBy, s.EntryReason, s.ExitedOn, s.ExitedBy, s.ExitReason);
        }
    }

    public sealed record ProposalList(string? Tier, string Pool, IReadOnlyList<EnterpriseRow> Items);

    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/pools", ListAsync).WithSummary("Pool stays in the caller's scope (filter by tier, pool, open=true for current members)");
        read.MapGet("/pools/proposals", ProposalsAsync).WithSummary("Near-miss enterprises of a tier not in any of its pools: proposals for the reserve pool");
        read.MapGet("/pools/movement", MovementAsync).WithSummary("Entries and exits per month and pool (for the dashboard)");
        write.MapPost("/pools/entries", EnterAsync).WithSummary("Enter an enterprise into a pool of a tier (a move closes its current stay in another pool of the tier)");
        write.MapPost("/pools/proposals/accept", AcceptAsync).WithSummary("Accept screening proposals into the reserve pool");
        write.MapPost("/pools/{id:long}/exit", ExitAsync).WithSummary("Take an enterprise out of its pool with a reason");
    }

    private static async Task<Results<Ok<PoolStayView[]>, ProblemHttpResult>> ListAsync(string? tier, string? pool, bool? open, Pools pools, CancellationToken ct) =>
        (await pools.ListAsync(tier, pool, open == true, ct).ConfigureAwait(false)).Answer(rows => TypedResults.Ok(rows.Select(PoolStayView.Of).ToArray()));

    private static async Task<Results<Ok<ProposalList>, ProblemHttpResult>> ProposalsAsync(string? tier, int? take, Pools pools, CancellationToken ct) =>
        (await pools.ProposalsAsync(tier, take is { } n ? Math.Clamp(n, 1, 10_000) : null, ct).ConfigureAwait(false)).Answer(rows => TypedResults.Ok(new ProposalList(tier, "reserve", rows)));

    private static async Task<Results<Ok<PoolAcceptance>, ProblemHttpResult>> AcceptAsync(AcceptRequest body, Pools pools, CancellationToken ct) =>
        (await pools.AcceptAsync(body.Tier, body.CreditCodes, body.Reason, ct).ConfigureAwait(false)).Answer(TypedResults.Ok);

    private static async Task<Results<Created<PoolStayView>, ProblemHttpResult>> EnterAsync(EntryRequest body, Pools pools, CancellationToken ct) =>
        (await pools.EnterAsync(body.CreditCode, body.Tier, body.Pool, body.Reason, ct).ConfigureAwait(false))
            .Answer(stay => TypedResults.Created($"/api/v1/pools?tier={stay.Tier}", PoolStayView.Of(stay)));

    private static async Task<Results<Ok<PoolStayView>, ProblemHttpResult>> ExitAsync(long id, ExitRequest body, Pools pools, CancellationToken ct) =>
        (await pools.ExitAsync(id, body.Reason, ct).ConfigureAwait(false)).Answer(stay => TypedResults.Ok(PoolStayView.Of(stay)));

    private static async Task<Results<Ok<PoolMovement>, ProblemHttpResult>> MovementAsync(string? tier, DateOnly? from, DateOnly? to, Pools pools, CancellationToken ct) =>
        (await pools.MovementAsync(tier, from, to, ct).ConfigureAwait(false)).Answer(TypedResults.Ok);
}
