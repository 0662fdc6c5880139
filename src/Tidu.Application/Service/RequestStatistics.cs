using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Domain.Regions;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Application.Service;

/// <summary>One region and month of <see cref="RequestStatistics"/>: raised, answered, answered on time, and the on-time share (null: none raised).</summary>
public sealed record RequestStatsRow(string RegionCode, string? RegionName, string Month, int Raised, int Answered, int AnsweredOnTime, decimal? OnTimeShare);

/// <summary>
/// "Requests answered on time" for the dashboard and GET /api/v1/requests/stats: per region (the enterprise's county,
/// city or province) and month raised, how many requests were raised, answered, and answered on time — the first reply
/// on or before the first deadline (escalation does not move it). Counted by the database in the caller's scope, after
/// overdue requests are escalated (so no reader sees a stale level).
/// </summary>
public sealed class RequestStatistics(TiduDbContext db, RegionTree regions, RequestEscalator escalator)
{
    /// <summary>Grouped <paramref name="by"/> county, city (default) or province, for the months <paramref name="from"/> to <paramref name="to"/> (YYYY-MM, both optional).</summary>
    public async Task<Outcome<IReadOnlyList<RequestStatsRow>>> ByRegionAsync(string? by, string? from, string? to, CancellationToken ct)
    {
        by ??= "city";
        if (by is not ("county" or "city" or "province"))
        {
            return Unprocessable("分组应为 county、city 或 province", $"by must be county, city or province, got '{by}'", "request-stats.unknown-grouping");
        }
        if (!TryMonth(from, out var fromMonth) || !TryMonth(to, out var toMonth))
        {
            return Unprocessable("月份格式应为 YYYY-MM", $"from/to must be months as YYYY-MM, got '{from}'/'{to}'", "request-stats.invalid-month");
        }
        await escalator.EscalateOverdueAsync(ct).ConfigureAwait(false);
        // Built by hand: C# converts no interface (the list) implicitly.
        return new Outcome<IReadOnlyList<RequestStatsRow>>(await QueryAsync(by, fromMonth, toMonth, ct).ConfigureAwait(false), null);
    }

    private async Task<IReadOnlyList<RequestStatsRow>> QueryAsync(string by, int? fromMonth, int? toMonth, CancellationToken ct)
    {
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
            .Select(g => new RequestStatsRow(g.Region, regions.Find(g.Region)?.Name, $"{g.SubmittedMonth / 100:D4}-{g.SubmittedMonth % 100:D2}", g.Raised, g.Answered, g.OnTime,
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
