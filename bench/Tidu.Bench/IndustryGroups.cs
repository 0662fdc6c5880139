namespace Tidu.Bench;

/// <summary>
/// The industry groups of the 2011 size standard (rules/national/size-class.yaml) by GB/T 4754 prefix: the longest
/// listed prefix of the code wins, a code with no listed prefix is "other", and a code coarser than a listed prefix
/// of another group (e.g. "F": wholesale F51 or retail F52?) is ambiguous (null). A derived fact shared by the
/// hand-written and the RulesEngine evaluators; Tidu reads the same prefixes from the rule file.
/// </summary>
public static class IndustryGroups
{
    public const string Other = "other";

    private static readonly (string Prefix, string Group)[] Prefixes =
    [
        ("A", "agriculture"),
        ("B", "industry"), ("C", "industry"), ("D", "industry"),
        ("E", "construction"),
        ("F51", "wholesale"),
        ("F52", "retail"),
        ("G54", "transport"), ("G55", "transport"), ("G56", "transport"), ("G57", "transport"), ("G58", "transport"),
        ("G59", "warehousing"),
        ("G60", "postal"),
        ("H61", "accommodation"),
        ("H62", "catering"),
        ("I63", "information-transmission"), ("I64", "information-transmission"),
        ("I65", "software"),
        ("K7010", "real-estate-development"),
        ("K7020", "property-management"),
        ("L", "leasing-business-services"),
    ];

    /// <summary>The group id for <paramref name="industryCode"/>, or null when the code is too coarse to decide.</summary>
    public static string? Find(string industryCode)
    {
        string? best = null;
        var bestLength = -1;
        foreach (var (prefix, group) in Prefixes)
        {
            if (prefix.Length > bestLength && industryCode.StartsWith(prefix, StringComparison.Ordinal))
            {
                best = group;
                bestLength = prefix.Length;
            }
        }
        foreach (var (prefix, group) in Prefixes)
        {
            if (prefix.Length > industryCode.Length && group != best && prefix.StartsWith(industryCode, StringComparison.Ordinal))
            {
                return null;
            }
        }
        return best ?? Other;
    }
}
