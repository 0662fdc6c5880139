using System.Collections.Frozen;

namespace Tidu.Domain.Exchange;

/// <summary>The closed value sets of exchange format v1.1 (the JSON Schema's enums).</summary>
public static class Vocabulary
{
    public static readonly FrozenSet<string> Listing = Set("none", "neeq", "bse", "sse-main", "sse-star", "szse-main", "szse-sme", "szse-chinext", "overseas");
    public static readonly FrozenSet<string> ListingPlan = Set("none", "filed", "tutoring");
    public static readonly FrozenSet<string> ChainContribution = Set("key-results", "basics", "none");
    public static readonly FrozenSet<string> IndustryDirection = Set("six-basics", "traditional-upgrading", "emerging", "future", "other");
    public static readonly FrozenSet<string> RdInstitution = Set("none", "below-city", "city", "provincial", "national");
    public static readonly FrozenSet<string> StandardLevel = Set("international", "national", "industry", "local", "group");
    public static readonly FrozenSet<string> StandardRole = Set("lead", "participate");
    public static readonly FrozenSet<string> HonorKind = Set(
        "high-tech-enterprise", "tech-sme", "national-tech-innovation-demo", "ip-advantage", "ip-demonstration",
        "national-st-award", "provincial-st-award", "chuangke-top500", "chuangke-top50");
    public static readonly FrozenSet<string> Tier = Set(
        "innovative-sme", "specialized-sme", "little-giant", "key-little-giant", "hidden-champion",
        "single-champion-enterprise", "single-champion-product");

    private static FrozenSet<string> Set(params string[] values) => values.ToFrozenSet(StringComparer.Ordinal);
}
