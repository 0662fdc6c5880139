using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Model;

namespace Tidu.Rules.Replay;

/// <summary>
/// Decision replay: after a rule value is corrected (same version id and dates, another value), re-evaluates the
/// profiles behind stored results on each result's own date and names exactly who gains or loses a tier, and why.
/// Results made under a version the corrected rules do not have are refused, never compared across versions.
/// </summary>
public sealed class DecisionReplay(Evaluator evaluator)
{
    /// <summary>The rule versions the stored results name that the corrected rules do not have in force on the result's date.</summary>
    public IReadOnlyList<VersionMismatch> FindMismatches(IEnumerable<StoredResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var used = new Dictionary<(DateOnly, StoredVersion), int>();
        foreach (var r in results)
        {
            foreach (var v in r.Tiers.Select(t => t.Version).Append(r.SizeClassVersion).OfType<StoredVersion>())
            {
                used[(r.AsOf, v)] = used.GetValueOrDefault((r.AsOf, v)) + 1;
            }
        }
        var mismatches = new List<VersionMismatch>();
        foreach (var ((asOf, stored), count) in used)
        {
            var inForce = InForce(stored, asOf);
            if (inForce is null || inForce.VersionId != stored.VersionId || inForce.EffectiveFrom != stored.EffectiveFrom || inForce.EffectiveTo != stored.EffectiveTo)
            {
                var now = inForce is null ? null : $"version '{inForce.VersionId}' ({inForce.EffectiveFrom:yyyy-MM-dd}–{inForce.EffectiveTo:yyyy-MM-dd}) in force on that date";
                mismatches.Add(new VersionMismatch(stored, asOf, now, count));
            }
        }
        return mismatches.OrderBy(m => m.Stored.RuleSetId, StringComparer.Ordinal).ThenBy(m => m.AsOf).ToList();
    }

    /// <summary>
    /// Re-evaluates <paramref name="profile"/> on the stored result's date and returns the tiers whose outcome flips.
    /// Call <see cref="FindMismatches"/> first: this method assumes the versions agree.
    /// </summary>
    public IReadOnlyList<TierFlip> Replay(StoredResult stored, EnterpriseProfile profile)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.CreditCode != stored.CreditCode)
        {
            throw new ArgumentException($"the profile is {profile.CreditCode}, the result {stored.CreditCode}", nameof(profile));
        }
        var after = StoredResultReader.From(evaluator.Evaluate(profile, stored.AsOf, EvaluationDetail.Full));
        var flips = new List<TierFlip>();
        foreach (var before in stored.Tiers)
        {
            var now = after.Tiers.FirstOrDefault(t => t.Tier == before.Tier);
            if (now is null || now.Qualified == before.Qualified)
            {
                continue;
            }
            var known = before.Checks is not null;
            flips.Add(new TierFlip(stored, before, now, after.SizeClass, known, known ? FlippedChecks(before.Checks!, now.Checks ?? []) : []));
        }
        return flips;
    }

    /// <summary>Checks whose pass/fail differs, and indicators whose points differ; groups follow from their members.</summary>
    private static List<CheckFlip> FlippedChecks(IReadOnlyList<StoredCheck> before, IReadOnlyList<StoredCheck> after)
    {
        static bool Leaf(StoredCheck c) => c.Kind is "check" or "indicator";
        var old = new Dictionary<string, StoredCheck>(StringComparer.Ordinal);
        foreach (var c in before.Where(Leaf))
        {
            old.TryAdd(c.Id, c);
        }
        var result = new List<CheckFlip>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in after.Where(Leaf))
        {
            seen.Add(a.Id);
            if (!old.TryGetValue(a.Id, out var b))
            {
                result.Add(new CheckFlip(null, a));
            }
            else if (b.Passed != a.Passed || b.Points != a.Points)
            {
                result.Add(new CheckFlip(b, a));
            }
        }
        result.AddRange(old.Values.Where(b => !seen.Contains(b.Id)).Select(b => new CheckFlip(b, null)));
        return result;
    }

    private RuleVersionInfo? InForce(StoredVersion stored, DateOnly asOf)
    {
        var library = evaluator.Library;
        if (library.SizeClass.Id == stored.RuleSetId && Matches(library.SizeClass.Jurisdiction, stored))
        {
            return library.SizeClass.VersionOn(asOf)?.Info;
        }
        var tier = library.Tiers.FirstOrDefault(t => t.Id == stored.RuleSetId && Matches(t.Jurisdiction, stored));
        return tier?.VersionOn(asOf)?.Info;
    }

    private static bool Matches(string jurisdiction, StoredVersion stored) => stored.Jurisdiction is null || stored.Jurisdiction == jurisdiction;
}
