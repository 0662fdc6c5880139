using Tidu.Rules.Model.Conditions;

namespace Tidu.Rules.Model;

/// <summary>A dated version of the SME size-class table: one group per industry.</summary>
public sealed record SizeClassVersion(RuleVersionInfo Info, IReadOnlyList<SizeGroup> Groups) : IDatedVersion
{
    /// <summary>
    /// The group whose industry prefix is the longest match of <paramref name="industryCode"/>, or the
    /// catch-all group. Ambiguous when the code is coarser than a listed prefix it could expand to
    /// (e.g. "F" could be wholesale F51 or retail F52): then null and a reason.
    /// </summary>
    public (SizeGroup? Group, string? Ambiguity) GroupFor(string industryCode)
    {
        SizeGroup? best = null;
        var bestLength = -1;
        foreach (var g in Groups)
        {
            foreach (var prefix in g.Industries)
            {
                if (industryCode.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length > bestLength)
                {
                    best = g;
                    bestLength = prefix.Length;
                }
            }
        }
        foreach (var g in Groups)
        {
            foreach (var prefix in g.Industries)
            {
                if (prefix.Length > industryCode.Length && prefix.StartsWith(industryCode, StringComparison.Ordinal) && g != best)
                {
                    return (null, $"industry code {industryCode} is too coarse: it may fall under {g.Id} ({prefix}) or another group; give the division (e.g. {prefix})");
                }
            }
        }
        return (best ?? Groups.First(g => g.Otherwise), null);
    }
}

public sealed record SizeGroup(string Id, string Title, IReadOnlyList<string> Industries, bool Otherwise, string Cite, string? Note, Condition Sme, Condition Medium, Condition Small);
