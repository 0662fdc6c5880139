using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Domain.Regions;
using Tidu.Rules;
using static Tidu.Web.Workflow.WorkflowProblems;

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
            : RoundNotFound(id);

    private static async Task<IResult> OpenAsync(OpenRoundRequest body, HttpContext http, TiduDbContext db, RuleLibrary rules, RegionTree regions, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<WorkflowOptions> defaults, CancellationToken ct)
    {
        var user = http.User;
        var region = user.FindFirst(Security.TiduClaims.RegionCode)?.Value;
        if (!user.IsInRole(Roles.ProvinceOfficer) || region is null)
        {
            return Forbidden("只有省级主管部门可以发起申报批次", "only a province officer opens a recognition round");
        }
        var errors = new List<(string, string)>();
        var tierSets = rules.Tiers.Where(t => t.Id == body.Tier).ToList();
        if (tierSets.Count == 0)
        {
            errors.Add(("tier", $"unknown tier {body.Tier}"));
        }
        else if (!tierSets.Any(t => t.Versions.Any(v => $"{t.Id}@{v.Info.VersionId}" == body.RuleSetVersion)))
        {
            var known = string.Join(", ", tierSets.SelectMany(t => t.Versions.Select(v => $"{t.Id}@{v.Info.VersionId}")));
            errors.Add(("ruleSetVersion", $"{body.RuleSetVersion} is not a version of {body.Tier} (known: {known})"));
        }
        if (string.IsNullOrWhiteSpace(body.Title))
        {
            errors.Add(("title", "a round needs a title"));
        }
        if (body.ClosesOn < body.OpensOn)
        {
            errors.Add(("closesOn", $"the round closes ({body.ClosesOn:yyyy-MM-dd}) before it opens ({body.OpensOn:yyyy-MM-dd})"));
        }
        var quotas = body.Quotas ?? [];
        foreach (var q in quotas)
        {
            if (regions.Find(q.CityCode) is not { Level: "city" } || !regions.IsWithin(q.CityCode, region))
            {
                errors.Add(("quotas", $"{q.CityCode} is not a city within {region}"));
            }
            if (q.Quota < 0)
            {
                errors.Add(("quotas", $"the quota of {q.CityCode} is negative"));
            }
        }
        if (quotas.GroupBy(q => q.CityCode).Any(g => g.Count() > 1))
        {
            errors.Add(("quotas", "a city is given more than one quota"));
        }
        var publicityDays = body.PublicityWorkingDays ?? defaults.Value.PublicityWorkingDays;
        var validityYears = body.ValidityYears ?? defaults.Value.RecognitionValidityYears;
        if (publicityDays < 1)
        {
            errors.Add(("publicityWorkingDays", $"publicity needs at least one working day (got {publicityDays}; is Workflow:PublicityWorkingDays configured?)"));
        }
        if (validityYears < 1)
        {
            errors.Add(("validityYears", $"a recognition must be valid at least one year (got {validityYears}; is Workflow:RecognitionValidityYears configured?)"));
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(
                errors.GroupBy(e => e.Item1).ToDictionary(g => g.Key, g => g.Select(e => e.Item2).ToArray()),
                title: "申报批次数据校验未通过 (round validation failed)");
        }
        var round = new Round
        {
            Title = body.Title.Trim(),
            Tier = body.Tier,
            RegionCode = region,
            OpensOn = body.OpensOn,
            ClosesOn = body.ClosesOn,
            RuleSetVersion = body.RuleSetVersion,
            OpenedBy = db.Scope.Actor,
            OpenedAt = clock.GetUtcNow(),
            PublicityWorkingDays = publicityDays,
            ValidityYears = validityYears,
            Quotas = [.. quotas.Select(q => new RoundQuota { CityCode = q.CityCode, Quota = q.Quota })],
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return Results.Created($"/api/v1/rounds/{round.Id}", View(round));
    }

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
