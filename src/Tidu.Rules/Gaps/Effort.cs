namespace Tidu.Rules.Gaps;

/// <summary>
/// How much a change is in the enterprise's own hands. The search prefers the cheaper kinds (R&amp;D spend,
/// patents, certifications) to results it can only work towards (revenue, market share) or that others decide.
/// </summary>
public enum Effort
{
    /// <summary>The enterprise can act on it directly: R&amp;D spend and staff, IP, certifications, brand, standards, digital level.</summary>
    Actionable,

    /// <summary>Business results it works towards: revenue, main-business revenue, profit, debt, financing, market share or rank.</summary>
    Performance,

    /// <summary>Assessed or awarded by others: the quality-evaluation score, provincial points, a quality award, a recognised R&amp;D institution.</summary>
    External,

    /// <summary>What the main product is: its field, its role in the industry chain.</summary>
    Structural,

    /// <summary>No change of data passes now: time, a recognition or honour to obtain first, size class, compliance, missing data.</summary>
    Blocked,
}

/// <summary>Relative weights of the kinds of effort in the search's cost (a blocker costs more than any change).</summary>
internal static class EffortCost
{
    public static decimal Weight(Effort effort) => effort switch
    {
        Effort.Actionable => 1m,
        Effort.Performance => 3m,
        Effort.External => 5m,
        Effort.Structural => 8m,
        _ => 1000m,
    };

    /// <summary>
    /// A blocker's cost: a rung the enterprise already meets (apply for it) before an honour to obtain, before a
    /// rung it does not meet yet or anything else — all above any change of data.
    /// </summary>
    public static decimal Of(BlockerInfo info) => info switch
    {
        { Kind: BlockerKind.Prerequisite, PrerequisiteQualified: true } => 400m,
        { Kind: BlockerKind.Honour } => 800m,
        _ => Weight(Effort.Blocked),
    };

    /// <summary>Weight × (1 + relative size of the change, capped): small actionable changes first.</summary>
    public static decimal Of(Effort effort, decimal? current, decimal needed, decimal step)
    {
        var from = current ?? 0m;
        var scale = Math.Max(Math.Abs(from), step);
        var relative = Math.Min(10m, Math.Abs(needed - from) / scale);
        return Weight(effort) * (1m + relative);
    }
}
