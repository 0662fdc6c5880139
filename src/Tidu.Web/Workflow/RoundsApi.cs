using Microsoft.EntityFrameworkCore;
using Tidu.Application;
using Tidu.Application.Workflow;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Web.Adapters;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Web.Workflow;

/// <summary>Recognition rounds: opened by a province officer for a tier, dates, rule version and city quotas; readable by every signed-in user.</summary>
public static class RoundsApi
{
    public static void MapRounds(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/rounds", ListAsync).WithSummary("Recognition rounds with their dates, rule version and quotas");
        read.MapGet("/rounds/{id:long}", GetAsync).WithSummary("One round");
        write.MapPost("/rounds", OpenAsync).WithSummary("Open a round (province officer): tier, dates, rule-set version, quota per city");
    }

    private static async Task<IResult> ListAsync(TiduDbContext db, CancellationToken ct)
    {
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.Quotas).OrderByDescending(r => r.Id).ToListAsync(ct).ConfigureAwait(false);
        return Results.Ok(rounds.Select(View));
    }

    private static async Task<IResult> GetAsync(long id, TiduDbContext db, CancellationToken ct) =>
        await db.Rounds.AsNoTracking().Include(r => r.Quotas).SingleOrDefaultAsync(r => r.Id == id, ct).ConfigureAwait(false) is { } round
            ? Results.Ok(View(round))
            : RoundNotFound(id).ToProblem();

    private static async Task<IResult> OpenAsync(OpenRoundRequest body, RoundService rounds, CancellationToken ct) =>
        (await rounds.OpenAsync(body, ct).ConfigureAwait(false)).ToResult(round => Results.Created($"/api/v1/rounds/{round.Id}", View(round)));

    private static object View(Round r) => new
    {
        r.Id,
        r.Title,
        r.Tier,
        r.RegionCode,
        r.OpensOn,
        r.ClosesOn,
        r.RuleSetVersion,
        r.OpenedBy,
        r.PublicityWorkingDays,
        r.ValidityYears,
        quotas = r.Quotas.OrderBy(q => q.CityCode).Select(q => new { q.CityCode, q.Quota, q.Recommended }),
    };
}
