using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Replay;
using Tidu.Rules.Synthetic;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Replay;

/// <summary>
/// Decision replay after a correction (same version, new value): exactly the enterprises whose value lies between
/// the old and the new threshold flip — computed here from the profiles' own figures, not from the engine — and
/// results made under a version the corrected rules no longer have are refused.
/// </summary>
public sealed class DecisionReplayTests : IDisposable
{
    private const string SpecializedFile = "national/specialized-sme.yaml";
    private const string ShareLine = "fact: mainBusinessShare, ge: 0.80}";
    private const string ShareCheck = "specialized.main-business-share";
    private static readonly DateOnly AsOf = new(2026, 6, 30); // under the 2026 revision: main business ≥ 80% (工信部企业〔2026〕2号)

    private static readonly Lazy<List<(EnterpriseProfile Profile, StoredResult Stored)>> Population = new(() =>
    {
        var library = RuleLibrary.LoadDefault();
        var generator = new ProfileGenerator(RegionTree.Shipped.Leaves(), library, 2025, TierMix.Zhejiang.Oversampled(40)); // candidates near the thresholds, not the real (sparse) shares
        var evaluator = new Evaluator(library);
        return Enumerable.Range(0, 2500).Select(i => generator.Generate(7, i))
            .Select(p => (p, StoredResultReader.From(evaluator.Evaluate(p, AsOf, EvaluationDetail.Full)))).ToList();
    });

    private readonly TempRules _rules = new();

    public void Dispose() => _rules.Dispose();

    private DecisionReplay Corrected() => new(new Evaluator(RuleLibrary.Load(_rules.Directory)));

    /// <summary>Main-business revenue / operating revenue of Y = 2025, from the profile's raw amounts.</summary>
    private static (decimal Main, decimal Revenue)? Share(EnterpriseProfile p) =>
        p.Financials.FirstOrDefault(f => f.Year == 2025) is { MainBusinessRevenue: { } main, OperatingRevenue: { } revenue } && revenue > 0 ? (main, revenue) : null;

    private static bool InRange((decimal Main, decimal Revenue)? share, decimal low, decimal high) =>
        share is { } s && s.Main >= low * s.Revenue && s.Main < high * s.Revenue;

    private static StoredTier Specialized(StoredResult r) => r.Tiers.Single(t => t.Tier == "specialized-sme");

    private List<TierFlip> ReplayAll()
    {
        var replay = Corrected();
        replay.FindMismatches(Population.Value.Select(x => x.Stored)).ShouldBeEmpty();
        return Population.Value.SelectMany(x => replay.Replay(x.Stored, x.Profile)).ToList();
    }

    [Fact]
    public void Raising_a_threshold_loses_exactly_the_qualified_enterprises_between_the_old_and_the_new_value()
    {
        _rules.Patch(SpecializedFile, ShareLine, "fact: mainBusinessShare, ge: 0.85}");
        var expected = Population.Value
            .Where(x => Specialized(x.Stored).Qualified && InRange(Share(x.Profile), 0.80m, 0.85m))
            .Select(x => x.Profile.CreditCode).ToList();
        expected.ShouldNotBeEmpty();

        var flips = ReplayAll();

        flips.Select(f => f.Before.CreditCode).ShouldBe(expected, ignoreOrder: true);
        flips.ShouldAllBe(f => !f.Gained && f.BeforeTier.Tier == "specialized-sme" && f.ChecksKnown);
        foreach (var f in flips)
        {
            var check = f.Checks.ShouldHaveSingleItem();
            check.Id.ShouldBe(ShareCheck);
            check.Before!.Passed.ShouldBeTrue();
            check.After!.Passed.ShouldBeFalse();
            check.Before.Required.ShouldBe("≥ 0.80");
            check.After.Required.ShouldBe("≥ 0.85");
            check.After.Actual.ShouldBe(check.Before.Actual);
        }
    }

    [Fact]
    public void Lowering_a_threshold_gains_exactly_the_enterprises_between_the_new_and_the_old_value_that_failed_only_there()
    {
        _rules.Patch(SpecializedFile, ShareLine, "fact: mainBusinessShare, ge: 0.75}");
        // From the stored explanation: every top-level condition of the tier passed except the main-business share.
        static bool FailedOnlyOnShare(StoredTier t)
        {
            var root = t.Checks!.Single(c => c.Parent is null && c.Kind != "indicator").Id;
            return t.Checks!.Where(c => c.Parent == root).All(c => c.Passed || c.Id == ShareCheck);
        }
        var expected = Population.Value
            .Where(x => !Specialized(x.Stored).Qualified && InRange(Share(x.Profile), 0.75m, 0.80m) && FailedOnlyOnShare(Specialized(x.Stored)))
            .Select(x => x.Profile.CreditCode).ToList();
        expected.ShouldNotBeEmpty();

        var flips = ReplayAll();

        flips.Select(f => f.Before.CreditCode).ShouldBe(expected, ignoreOrder: true);
        flips.ShouldAllBe(f => f.Gained && f.Checks.Count == 1 && f.Checks[0].Id == ShareCheck);
    }

    [Fact]
    public void Replaying_under_the_same_rules_flips_nobody()
    {
        ReplayAll().ShouldBeEmpty();
    }

    [Fact]
    public void Results_made_under_a_version_id_the_corrected_rules_no_longer_have_are_refused()
    {
        _rules.Patch(SpecializedFile, "  - id: \"2026\"\n    effectiveFrom: 2026-04-01", "  - id: \"2026b\"\n    effectiveFrom: 2026-04-01");
        var mismatch = Corrected().FindMismatches(Population.Value.Select(x => x.Stored)).ShouldHaveSingleItem();
        mismatch.Stored.RuleSetId.ShouldBe("specialized-sme");
        mismatch.Stored.VersionId.ShouldBe("2026");
        mismatch.Results.ShouldBe(Population.Value.Count);
        mismatch.ToString().ShouldContain("'2026b'");
    }

    [Fact]
    public void Results_made_under_the_same_version_id_with_other_dates_are_refused()
    {
        // Not a correction: the 2026 version now starts a month later, so it is another version under the same name.
        _rules.Patch(SpecializedFile, "effectiveTo: 2026-03-31", "effectiveTo: 2026-04-30");
        _rules.Patch(SpecializedFile, "effectiveFrom: 2026-04-01", "effectiveFrom: 2026-05-01");
        var mismatch = Corrected().FindMismatches(Population.Value.Select(x => x.Stored)).ShouldHaveSingleItem();
        mismatch.Stored.EffectiveFrom.ShouldBe(new DateOnly(2026, 4, 1));
        mismatch.InForce.ShouldNotBeNull().ShouldContain("2026-05-01");
    }
}
