using Tidu.Domain.Profiles;

namespace Tidu.Rules.Gaps;

/// <summary>
/// The cultivation ladder read from the tier rule files' <c>ladder</c> keys: a tier is the next rung when the
/// tier it comes after is the highest recognition the enterprise holds (valid on the date); with none held, the
/// first rung(s). A tier added with <c>ladder: {after: little-giant}</c> becomes the rung after the little giant.
/// </summary>
public static class Ladder
{
    public static IReadOnlyList<string> NextRungs(RuleLibrary library, EnterpriseProfile profile, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(profile);
        var rungs = library.Tiers.Where(t => t.Ladder is not null).ToList();
        var after = rungs.ToDictionary(t => t.Id, t => t.Ladder!.After, StringComparer.Ordinal);
        var held = (profile.Recognitions ?? []).Where(r => r.IsValidOn(asOf) && after.ContainsKey(r.Tier)).Select(r => r.Tier).ToHashSet(StringComparer.Ordinal);
        if (held.Count == 0)
        {
            return rungs.Where(t => t.Ladder!.IsStart).Select(t => t.Id).ToList();
        }
        // The highest rungs held: those no other held rung lies above.
        var below = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in held)
        {
            for (var t = after[h]; t is not null && below.Add(t); t = after.GetValueOrDefault(t))
            {
            }
        }
        var top = held.Where(h => !below.Contains(h)).ToHashSet(StringComparer.Ordinal);
        return rungs.Where(t => t.Ladder!.After is { } a && top.Contains(a) && !held.Contains(t.Id)).Select(t => t.Id).ToList();
    }
}
