using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Data.Registry;
using Tidu.Web.Adapters;
using Tidu.Web.Monitoring;

namespace Tidu.Web.Api;

/// <summary>The monitoring page's data as JSON, for officers (the region scope applies underneath).</summary>
public static class MonitoringApi
{
    public static void MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var monitoring = app.MapGroup("/api/v1/monitoring").WithTags("v1");
        monitoring.MapGet("/rollup", RollupAsync).WithSummary("Per child region and tier: enterprises qualified by their latest evaluation, and holding a valid recognition on a date (default today)");
        monitoring.MapGet("/charts", ChartsAsync).WithSummary("Every chart of the monitoring page for an as-of date (default today, China time) and a year of new recognitions (default the date's year): categories and series, as drawn and tabulated");
    }

    private static async Task<Ok<RegionRollupView>> RollupAsync(DateOnly? on, RegionRollup rollup, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(new RegionRollupView(
            on ?? ChinaCalendar.Today(clock),
            rollup.Children().ToString().ToLowerInvariant(),
            await rollup.CountAsync(on ?? ChinaCalendar.Today(clock), ct).ConfigureAwait(false)));

    private static async Task<Results<Ok<IReadOnlyList<ChartData>>, ProblemHttpResult>> ChartsAsync(DateOnly? on, int? year, MonitoringCharts charts, TimeProvider clock, CancellationToken ct)
    {
        var date = on ?? ChinaCalendar.Today(clock);
        if (year is { } y && (y < 1 || y > date.Year))
        {
            return Tidu.Application.Refusal.Malformed("monitoring.year-out-of-range", $"统计年度无效：应为不晚于统计日期所在年度（{date.Year}）的年份",
                $"year {y} is not a year on or before the as-of date's ({date.Year})").ToProblem();
        }
        return TypedResults.Ok(await charts.BuildAsync(new MonitoringPeriod(date, year ?? date.Year), ct).ConfigureAwait(false));
    }
}

/// <summary>
/// Per child region of the caller's region and tier: enterprises qualified by their latest evaluation and holding a
/// valid recognition on a date; <c>children</c> names the level of the child regions counted (county, city or province).
/// </summary>
public sealed record RegionRollupView(DateOnly On, string Children, IReadOnlyList<RegionTierCount> Counts);
