using Tidu.Domain.Targets;
using Tidu.Rules.Reforms;

namespace Tidu.Cli.Simulation;

/// <summary>A target or actual of the simulated jurisdiction beside the enterprises qualified in the file, baseline and reform.</summary>
internal sealed record TargetProgress(Target Target, long Baseline, long Reform)
{
    /// <summary>Targets of the jurisdiction filter and every jurisdiction containing it (counts cover the filtered file only).</summary>
    public static IReadOnlyList<TargetProgress> For(string? region, SimulationTotals totals) =>
        region is null
            ? []
            : TargetTable.Shipped
                .Where(t => region.StartsWith(t.Jurisdiction, StringComparison.Ordinal))
                .Select(t => new TargetProgress(t, totals.Qualified(SimulationTotals.Side.Baseline, t.Tier), totals.Qualified(SimulationTotals.Side.Reform, t.Tier)))
                .ToList();
}
