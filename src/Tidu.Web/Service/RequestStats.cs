using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tidu.Application;
using Tidu.Application.Service;
using Tidu.Data;
using Tidu.Domain.Regions;
using Tidu.Web.Adapters;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Web.Service;

/// <summary>
/// "Requests answered on time" for the dashboard: per region (the enterprise's county, city or province) and month
/// raised, how many requests were raised, answered, and answered on time — the first reply on or before the first
/// deadline (escalation does not move it). Counted by the database in the caller's scope.
/// </summary>
public static class RequestStats
{
    public sealed record Row(string RegionCode, string? RegionName, string Month, int Raised, int Answered, int AnsweredOnTime, decimal? OnTimeShare);

    public static async Task<Results<Ok<List<Row>>, ProblemHttpResult>> GetAsync(string? by, string? from, string? to, TiduDbContext db, RegionTree regions, RequestEscalator escalator, CancellationToken ct)
    {
        by ??= "city";
        if (by is not ("county" or "city" or "province"))
        {
            return Unprocessable("分组应为 county、city 或 province", $"by must be county, city or province, got '{by}'").ToProblem();
        }
        if (!TryMonth(from, out var fromMonth) || !TryMonth(to, out var toMonth))
        {
            return Unprocessable("月份格式应为 YYYY-MM", $"from/to must be months as YYYY-MM, got '{from}'/'{to}'").ToProblem();
        }
        await escalator.EscalateOverdueAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(await QueryAsync(db, regions, by, fromMonth, toMonth, ct).ConfigureAwait(false));
    }

    public static async Task<List<Row>> QueryAsync(TiduDbContext db, RegionTree regions, string by, int? fromMonth, int? toMonth, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(regions);
        var requests = db.EnterpriseRequests.AsNoTracking();
        if (fromMonth is { } f)
        {
            requests = requests.Where(r => r.SubmittedMonth >= f);
        }
        if (toMonth is { } t)
        {
            requests = requests.Where(r => r.SubmittedMonth <= t);
        }
        var keyed = by switch
        {
            "county" => requests.Select(r => new { Region = r.Enterprise.RegionCode, r.SubmittedMonth, r.FirstRepliedOn, r.FirstDueOn }),
            "city" => requests.Select(r => new { Region = r.Enterprise.CityCode ?? r.Enterprise.RegionCode, r.SubmittedMonth, r.FirstRepliedOn, r.FirstDueOn }),
            _ => requests.Select(r => new { Region = r.Enterprise.ProvinceCode, r.SubmittedMonth, r.FirstRepliedOn, r.FirstDueOn }),
        };
        var groups = await keyed.GroupBy(x => new { x.Region, x.SubmittedMonth })
            .Select(g => new
            {
                g.Key.Region,
                g.Key.SubmittedMonth,
                Raised = g.Count(),
                Answered = g.Count(x => x.FirstRepliedOn != null),
                OnTime = g.Count(x => x.FirstRepliedOn != null && x.FirstRepliedOn <= x.FirstDueOn),
            })
            .ToListAsync(ct).ConfigureAwait(false);
        return groups
            .OrderBy(g => g.SubmittedMonth).ThenBy(g => g.Region, StringComparer.Ordinal)
            .Select(g => new Row(g.Region, regions.Find(g.Region)?.Name, $"{g.SubmittedMonth / 100:D4}-{g.SubmittedMonth % 100:D2}", g.Raised, g.Answered, g.OnTime,
                g.Raised == 0 ? null : Math.Round((decimal)g.OnTime / g.Raised, 4)))
            .ToList();
    }

    private static bool TryMonth(string? text, out int? month)
    {
        month = null;
        if (text is null)
        {
            return true;
        }
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
        {
            month = (d.Year * 100) + d.Month;
            return true;
        }
        return false;
    }
}
