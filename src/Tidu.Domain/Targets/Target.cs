namespace Tidu.Domain.Targets;

/// <summary>
/// A cultivation target or a reported actual count (data/targets.csv): how many enterprises of a tier a
/// jurisdiction aims for (or had) by a date, with the document and seed clause it comes from.
/// </summary>
/// <param name="Jurisdiction">national or a region code (33, 330108, 42).</param>
/// <param name="Tier">the tier id (glossary).</param>
/// <param name="Kind">target (目标) or actual (完成情况).</param>
/// <param name="Comparator">ge (以上/达到), eq (a plain number), approx (左右).</param>
/// <param name="Count">enterprises.</param>
/// <param name="Date">the deadline of a target, or the day an actual was counted.</param>
/// <param name="Scope">cumulative (累计) or new (新增).</param>
/// <param name="Document">the document it comes from.</param>
/// <param name="Seed">the seed file number (000 …).</param>
/// <param name="Clause">the clause, quoting the number.</param>
public sealed record Target(string Jurisdiction, string Tier, string Kind, string Comparator, int Count, DateOnly Date, string Scope, string Document, string Seed, string Clause)
{
    /// <summary>The citation people read: the document and its clause.</summary>
    public string Cite => $"{Document} {Clause}";
}
