using System.Collections.Concurrent;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Model.Scoring;

namespace Tidu.Rules.Model;

/// <summary>
/// The items of each tier version by id, for questions asked of a result line after evaluation: which check (and so
/// which fact) it came from, and the title of an item an indicator names. Built per version on first use.
/// </summary>
public sealed class RuleIndex
{
    private readonly Dictionary<RuleVersionInfo, TierVersion> _versions = [];
    private readonly ConcurrentDictionary<RuleVersionInfo, Items> _items = new();

    internal RuleIndex(IEnumerable<RuleSet<TierVersion>> tiers)
    {
        foreach (var v in tiers.SelectMany(t => t.Versions))
        {
            _versions.TryAdd(v.Info, v);
        }
    }

    private sealed record Items(IReadOnlyDictionary<string, Check> Checks, IReadOnlyDictionary<string, string> Titles);

    /// <summary>The check a result line with <paramref name="id"/> came from, in the version that decided it (null for a group or indicator).</summary>
    public Check? Check(RuleVersionInfo version, string id) => Of(version)?.Checks.GetValueOrDefault(id);

    /// <summary>The title of any item (check, group, indicator, counted item, reading) of the version, or null.</summary>
    public string? Title(RuleVersionInfo version, string id) => Of(version)?.Titles.GetValueOrDefault(id);

    /// <summary>The same for a version named by its ids, as a stored trace names it (any jurisdiction's, the first found).</summary>
    public string? Title(string ruleSetId, string versionId, string id) =>
        _versions.Keys.Where(v => v.RuleSetId == ruleSetId && v.VersionId == versionId).Select(v => Title(v, id)).FirstOrDefault(t => t is not null);

    /// <summary>
    /// A near miss (差一项): the tier is not met, exactly one decisive check fails, and that check reads a fact the
    /// enterprise can change (<see cref="FactDefinition.Closable"/>). Works on full explanations and on decisive
    /// failures only.
    /// </summary>
    public bool IsNearMiss(TierResult tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        if (tier.Qualified)
        {
            return false;
        }
        var failures = Explanations.DecisiveFailures(tier.Checks);
        return failures.Count == 1 && IsClosable(tier.Version, failures[0].Id);
    }

    /// <summary>Whether the enterprise can pass the check by changing its own data; an unknown id counts as closable.</summary>
    public bool IsClosable(RuleVersionInfo version, string checkId) =>
        Check(version, checkId) is not { } c || FactCatalog.IsClosable(c.FactName);

    private Items? Of(RuleVersionInfo version) =>
        _versions.TryGetValue(version, out var v) ? _items.GetOrAdd(version, _ => Collect(v)) : null;

    private static Items Collect(TierVersion v)
    {
        var checks = new Dictionary<string, Check>(StringComparer.Ordinal);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(Condition c)
        {
            titles.TryAdd(c.Id, c.Title);
            if (c is Check check)
            {
                checks.TryAdd(check.Id, check);
            }
            if (c is Include include)
            {
                // Every version of the shared conditions: the one in force depends on the evaluation date.
                foreach (var shared in include.Target.Versions)
                {
                    Walk(shared.Conditions);
                }
            }
            foreach (var m in c.Members)
            {
                Walk(m);
            }
        }
        void Indicator(Indicator i)
        {
            titles.TryAdd(i.Id, i.Title);
            switch (i)
            {
                case CountIndicator count:
                    foreach (var item in count.Items)
                    {
                        Walk(item);
                    }
                    break;
                case BestIndicator best:
                    foreach (var reading in best.Readings)
                    {
                        Indicator(reading);
                    }
                    break;
                default:
                    break;
            }
        }
        foreach (var i in v.Score?.Indicators ?? [])
        {
            Indicator(i);
        }
        Walk(v.Qualify);
        return new Items(checks, titles);
    }
}
