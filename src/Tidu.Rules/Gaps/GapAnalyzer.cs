using System.Text.Json.Nodes;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Model;
using Tidu.Rules.Values;

namespace Tidu.Rules.Gaps;

/// <summary>
/// Gap analysis (差距分析): for a tier an enterprise fails on a date, a small set of input changes that makes it
/// qualify — searched on the tier's condition tree, then applied to the input JSON and evaluated again before
/// it is reported reachable — and the blockers no change of data passes now (time, a rung to obtain first).
/// </summary>
public sealed class GapAnalyzer(Evaluator evaluator)
{
    /// <summary>Search rounds: each re-evaluates the plan so far and repairs what it broke (raising revenue lowers a ratio).</summary>
    private const int MaxRounds = 6;

    public Evaluator Evaluator { get; } = evaluator;

    /// <summary>The gap of <paramref name="profile"/> to tier <paramref name="tierId"/> on <paramref name="asOf"/>.</summary>
    public GapResult Analyze(EnterpriseProfile profile, DateOnly asOf, string tierId, bool next = false)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var set = Evaluator.Library.Tiers.FirstOrDefault(t => t.Id == tierId) ?? throw new ArgumentException($"no tier rule set '{tierId}'", nameof(tierId));
        var version = set.RequireVersionOn(asOf);
        if (Qualifies(profile, asOf, tierId))
        {
            return Result(profile, asOf, set, version, next, true, [], [], true, true);
        }
        var (search, plan) = Search(profile, asOf, tierId, version);
        return Report(profile, asOf, set, version, next, plan);
    }

    /// <summary>
    /// The profile moved by the gap's changes, with the blockers' hypotheses applied (an earlier niche-market start, the
    /// rung or honour held, the compliance flag cleared), when that qualifies for <paramref name="tierId"/> on
    /// <paramref name="asOf"/>; null when no plan qualifies (e.g. a large enterprise). Synthetic data build candidates with it.
    /// </summary>
    internal EnterpriseProfile? QualifyingVariant(EnterpriseProfile profile, DateOnly asOf, string tierId)
    {
        var set = Evaluator.Library.Tiers.FirstOrDefault(t => t.Id == tierId) ?? throw new ArgumentException($"no tier rule set '{tierId}'", nameof(tierId));
        if (set.VersionOn(asOf) is not { } version)
        {
            return null;
        }
        if (Qualifies(profile, asOf, tierId))
        {
            return profile;
        }
        var (_, plan) = Search(profile, asOf, tierId, version);
        var moved = plan.ApplyTo(profile);
        return Qualifies(moved, asOf, tierId) ? moved : null;
    }

    /// <summary>The search rounds, then the minimal plan (see <see cref="Minimize"/>).</summary>
    private (GapSearch Search, Plan Plan) Search(EnterpriseProfile profile, DateOnly asOf, string tierId, TierVersion version)
    {
        var search = new GapSearch(Evaluator, asOf, tierId, version);
        var plan = Plan.Empty;
        for (var round = 0; round < MaxRounds; round++)
        {
            var changed = plan.ApplyTo(profile);
            var context = search.Context(changed);
            if (round > 0 && version.Qualify.Evaluate(context, null, null))
            {
                break;
            }
            var options = search.Repair(version.Qualify, changed, context);
            if (options.Count == 0 || options[0].Edits.Count == 0)
            {
                break;
            }
            var best = options[0];
            var merged = plan.Then(best);
            if (merged.SameAs(plan))
            {
                break;
            }
            plan = merged;
        }
        return (search, WithConsistentIp(Minimize(plan, profile, search, version), profile));
    }

    /// <summary>
    /// Once the plan qualifies: drops each change it qualifies without, then pulls each numeric change back to the
    /// nearest value at which the whole tier still qualifies (one input can lift two indicators; the search
    /// sized it for one). Blockers' hypotheses stay applied, so the rest is minimal given them.
    /// </summary>
    private static Plan Minimize(Plan plan, EnterpriseProfile profile, GapSearch search, TierVersion version)
    {
        bool Qualifies(EnterpriseProfile p) => version.Qualify.Evaluate(search.Context(p), null, null);
        if (!Qualifies(plan.ApplyTo(profile)))
        {
            return plan;
        }
        foreach (var e in plan.Edits.Where(e => e.Blocker is null).ToList())
        {
            var without = plan.Without(e);
            if (Qualifies(without.ApplyTo(profile)))
            {
                plan = without;
            }
        }
        foreach (var e in plan.Edits.Where(e => e is { Lever: { Current: { } }, NeededNumber: { } }).ToList())
        {
            var lever = e.Lever!;
            var direction = Math.Sign(e.NeededNumber!.Value - lever.Current!.Value);
            var basis = plan.Without(e).ApplyTo(profile);
            var oneBack = e.NeededNumber.Value - direction * lever.Step;
            // Usually one step back already fails: then the value is the nearest and no search is needed.
            if (direction == 0 || oneBack == lever.Current || !Qualifies(lever.Set(basis, oneBack)))
            {
                continue;
            }
            if (LeverSearch.Find(lever, direction, Qualifies, basis) is { } v && v != e.NeededNumber)
            {
                plan = plan.Replace(e, e with { NeededNumber = v, Apply = p => lever.Set(p, v) });
            }
        }
        return plan;
    }

    /// <summary>The gap to <paramref name="tierId"/>, preceded by the gaps to the rungs it needs held first (each once).</summary>
    public IReadOnlyList<GapResult> AnalyzeWithPrerequisites(EnterpriseProfile profile, DateOnly asOf, string tierId, bool next = false)
    {
        var results = new List<GapResult>();
        Add(tierId, next, []);
        return results;

        void Add(string tier, bool isNext, HashSet<string> seen)
        {
            if (!seen.Add(tier) || results.Any(r => r.Tier == tier))
            {
                return;
            }
            var r = Analyze(profile, asOf, tier, isNext);
            foreach (var b in r.Blockers.Where(b => b is { Kind: BlockerKind.Prerequisite, Tier: { } }))
            {
                if (Evaluator.Library.Tiers.Any(t => t.Id == b.Tier))
                {
                    Add(b.Tier!, false, seen);
                }
            }
            results.Add(r);
        }
    }

    /// <summary>The gap to every tier the enterprise fails on <paramref name="asOf"/>, in tier order.</summary>
    public IReadOnlyList<GapResult> FailedTiers(EnterpriseProfile profile, DateOnly asOf)
    {
        var evaluation = Evaluator.Evaluate(profile, asOf, EvaluationDetail.Outcome);
        return evaluation.Tiers.Where(t => !t.Qualified).Select(t => Analyze(profile, asOf, t.Tier)).ToList();
    }

    /// <summary>Next-tier advice: the next rung(s) of the ladder above the recognitions held, each with its gap (and its prerequisites').</summary>
    public IReadOnlyList<GapResult> NextTiers(EnterpriseProfile profile, DateOnly asOf) =>
        Ladder.NextRungs(Evaluator.Library, profile, asOf).SelectMany(t => AnalyzeWithPrerequisites(profile, asOf, t, next: true)).ToList();

    private bool Qualifies(EnterpriseProfile profile, DateOnly asOf, string tierId) =>
        Evaluator.Evaluate(profile, asOf, EvaluationDetail.Outcome).Tiers.Single(t => t.Tier == tierId).Qualified;

    /// <summary>The class-I subsets (applied, self-developed, high-value): each is counted inside class I.</summary>
    private static readonly (string Path, Func<IntellectualProperty?, int?> Read)[] ClassISubsets =
    [
        ("/intellectualProperty/classIApplied", ip => ip?.ClassIApplied),
        ("/intellectualProperty/classISelfDeveloped", ip => ip?.ClassISelfDeveloped),
        ("/intellectualProperty/classIHighValue", ip => ip?.ClassIHighValue),
    ];

    /// <summary>
    /// Class-I subsets are counted inside class I: a subset the plan raises above class I raises class I with it.
    /// Only what the plan raised counts — an input that already gives more of a subset than of class I is the input's
    /// own inconsistency, which no change the plan proposes either caused or needs.
    /// </summary>
    private static Plan WithConsistentIp(Plan plan, EnterpriseProfile original)
    {
        var before = original.IntellectualProperty;
        var after = plan.ApplyTo(original).IntellectualProperty;
        var raised = ClassISubsets
            .Where(s => s.Read(after) is { } now && now > (s.Read(before) ?? 0))
            .Select(s => (s.Path, Count: s.Read(after)!.Value))
            .OrderByDescending(s => s.Count)
            .ToList();
        if (raised.Count == 0 || raised[0].Count <= (after?.ClassI ?? 0))
        {
            return plan;
        }
        var needed = raised[0].Count;
        // The edit that raised the largest subset: class I moves for the same check.
        var source = plan.Edits.First(e => e.Path == raised[0].Path);
        return plan.Then(Plan.Of(source with
        {
            Key = "/intellectualProperty/classI",
            Path = "/intellectualProperty/classI",
            NeededNumber = needed,
            Cost = 0m,
            Apply = p => p with { IntellectualProperty = (p.IntellectualProperty ?? new()) with { ClassI = Math.Max(p.IntellectualProperty?.ClassI ?? 0, needed) } },
        }));
    }

    private GapResult Report(EnterpriseProfile profile, DateOnly asOf, RuleSet<TierVersion> set, TierVersion version, bool next, Plan plan)
    {
        var changeEdits = plan.Edits.Where(e => e.Blocker is null && e.Path is not null).ToList();
        var blockerEdits = plan.Edits.Where(e => e.Blocker is not null).ToList();
        var original = ProfileJson.Of(profile);
        var changedJson = ProfileJson.Of(changeEdits.Aggregate(profile, (p, e) => e.Apply(p)));
        var changes = new List<GapChange>();
        foreach (var e in changeEdits)
        {
            foreach (var path in e.AlsoPaths.Prepend(e.Path!).Where(x => changes.All(c => c.Path != x)))
            {
                var current = Normalized(ProfileJson.At(original, path));
                var needed = Normalized(ProfileJson.At(changedJson, path));
                if (!JsonNode.DeepEquals(current, needed))
                {
                    changes.Add(new GapChange(e.CheckId, e.CheckTitle, path, current, needed, e.Unit, e.Effort));
                }
            }
        }

        // Verify on the input itself: set each reported value at its path, read the JSON back as input, evaluate again.
        var hypotheses = blockerEdits.Where(b => b.Blocker!.HasHypothesis && b.Path is not null).ToList();
        var assumeable = blockerEdits.All(b => b.Blocker!.HasHypothesis && b.Path is not null);
        var withHypotheses = ProfileJson.Of(plan.ApplyTo(profile));
        var verifyJson = original.DeepClone();
        foreach (var c in changes)
        {
            ProfileJson.Set(verifyJson, c.Path, c.Needed?.DeepClone());
        }
        foreach (var h in hypotheses)
        {
            ProfileJson.Set(verifyJson, h.Path!, ProfileJson.At(withHypotheses, h.Path!)?.DeepClone());
        }
        var verified = assumeable && ProfileJson.Parse(verifyJson, out _) is { } reread && Qualifies(reread, asOf, set.Id);
        var blockers = blockerEdits.Select(b => Blocker(b, original)).ToList();
        return Result(profile, asOf, set, version, next, false, changes, blockers, verified && blockers.Count == 0, verified);
    }

    /// <summary>A copy of the node, a number without trailing zeros (6201.0 → 6201) so values read the same however they were computed.</summary>
    private static JsonNode? Normalized(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? JsonValue.Create(v.GetValue<decimal>().Normalize()) : node?.DeepClone();

    private GapBlocker Blocker(Edit e, JsonObject original)
    {
        var info = e.Blocker!;
        // The lists of honours and recognitions say nothing the blocker does not: leave them out.
        var current = info.Kind is BlockerKind.Prerequisite or BlockerKind.Honour || e.Path is null ? null : ProfileJson.At(original, e.Path)?.DeepClone();
        var tierTitle = info.Tier is { } t ? Evaluator.Library.Tiers.FirstOrDefault(x => x.Id == t)?.Title ?? t : null;
        return new GapBlocker(e.CheckId, e.CheckTitle, info.Kind, e.Path, current, info.Earliest, info.Tier, info.PrerequisiteQualified, GapNotes.Blocker(e.CheckTitle, info, tierTitle, i => YearAt(original, i)));
    }

    /// <summary>The fiscal year of the input's financials entry <paramref name="index"/>, to name a missing figure by its year.</summary>
    private static int? YearAt(JsonObject profile, int index) =>
        profile["financials"] is JsonArray years && index >= 0 && index < years.Count && years[index]?["year"] is JsonValue y && y.TryGetValue<int>(out var year) ? year : null;

    private static GapResult Result(EnterpriseProfile profile, DateOnly asOf, RuleSet<TierVersion> set, TierVersion version, bool next, bool qualified,
        List<GapChange> changes, List<GapBlocker> blockers, bool reachable, bool verified) =>
        new(profile.CreditCode, profile.Name, asOf, set.Id, set.Title, version.Info, qualified, next, changes, blockers, reachable, verified,
            GapNotes.Summary(set.Title, qualified, next, changes.Count, blockers, reachable, verified));
}
