using CsCheck;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Files;
using Tidu.Rules.Policies;
using Tidu.Rules.Reforms;
using Tidu.Rules.Tests.Properties;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Policies;

/// <summary>Reforms: patched into the parsed files and validated like them; no-op reforms change nothing; looser criteria never shrink counts or budgets.</summary>
public sealed class ReformTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 3, 31); // 2022 rules; district draft in force
    private readonly TempRules _rules = new();

    public void Dispose()
    {
        var reformDir = _rules.Directory + "-reform";
        if (Directory.Exists(reformDir))
        {
            Directory.Delete(reformDir, recursive: true);
        }
        _rules.Dispose();
    }

    private Reform ReformFile(string changes, string effectiveFrom = "2025-01-01")
    {
        // Beside the rules folder, not in it: the rules folder is loaded whole.
        var path = _rules.Write("../" + Path.GetFileName(_rules.Directory) + "-reform/reform.yaml", $"id: r\ntitle: 测试改革\neffectiveFrom: {effectiveFrom}\nchanges:\n{changes}");
        return Reform.Load(path);
    }

    private Simulator Simulator(Reform reform)
    {
        var baseline = new SimulationSide(new Evaluator(RuleLibrary.Load(_rules.Directory)), new AwardCalculator(PolicyCatalog.Load(_rules.Directory), RegionTree.Shipped));
        var reformed = new SimulationSide(new Evaluator(RuleLibrary.Load(_rules.Directory, reform)), new AwardCalculator(PolicyCatalog.Load(_rules.Directory, reform), RegionTree.Shipped));
        reform.Unapplied().ShouldBeEmpty();
        return new Simulator(baseline, reformed, new Dictionary<string, IReadOnlyList<Domain.Projects.Project>>());
    }

    [Fact]
    public void A_reform_that_changes_nothing_gives_identical_results()
    {
        var simulator = Simulator(ReformFile("  - {ruleSet: specialized-sme, version: \"2022\", target: specialized.score-total, key: ge, value: 60}\n" +
                                             "  - {ruleSet: hz-district-2022, version: draft, target: d-tier-award.specialized-sme, key: amount.fixed, value: 20}\n"));
        var profiles = Generated(200).Select(p => p with { RegionCode = PolicySupport.District }).Append(PolicySupport.Firm(PolicySupport.District));
        var totals = new SimulationTotals();
        foreach (var p in profiles)
        {
            var c = simulator.Compare(p, AsOf);
            c.Changes.ShouldBeEmpty();
            c.Reform.ShouldBeEquivalentTo(c.Baseline);
            totals.Add(c);
        }
        totals.Budget(SimulationTotals.Side.Reform).ShouldBe(totals.Budget(SimulationTotals.Side.Baseline));
        totals.Budget(SimulationTotals.Side.Baseline).ShouldBeGreaterThan(0m);
    }

    [Fact]
    public void Lowering_the_specialized_score_line_to_55_never_lowers_counts_or_budget()
    {
        var simulator = Simulator(ReformFile("  - {ruleSet: specialized-sme, version: \"2022\", target: specialized.score-total, key: ge, value: 55}\n"));
        Gen.Select(ProfileGenerators.Profile, Gen.Int[0, 1]).Sample((profile, inHubei) =>
        {
            var p = profile with { RegionCode = inHubei == 1 ? PolicySupport.Hubei : PolicySupport.District };
            var c = simulator.Compare(p, AsOf);
            var baseTiers = c.Baseline.Tiers.ToDictionary(t => t.Tier, t => t.Qualified);
            foreach (var (tier, qualified) in c.Reform.Tiers)
            {
                (qualified || !baseTiers[tier]).ShouldBeTrue($"{tier} lost by {p.CreditCode}");
            }
            c.Reform.Budget.Sum(b => b.Amount).ShouldBeGreaterThanOrEqualTo(c.Baseline.Budget.Sum(b => b.Amount));
            c.Changes.ShouldAllBe(ch => ch.Gained);
        }, iter: 300);
    }

    [Fact]
    public void A_firm_scoring_between_55_and_60_gains_the_tier_and_its_award_with_the_flipped_check()
    {
        var simulator = Simulator(ReformFile("  - {ruleSet: specialized-sme, version: \"2022\", target: specialized.score-total, key: ge, value: 55}\n"));
        var found = Generated(3000)
            .Select(p => p with { RegionCode = PolicySupport.District, Recognitions = [] })
            .Select(p => simulator.Compare(p, AsOf))
            .FirstOrDefault(c => c.Changes.Any(ch => ch.Tier == "specialized-sme"));
        found.ShouldNotBeNull("some generated firm should score in [55, 60) and meet C1–C3");
        var change = found.Changes.Single(ch => ch.Tier == "specialized-sme");
        change.Gained.ShouldBeTrue();
        change.Flipped.Select(f => f.Id).ShouldContain("specialized.score-total");
        found.Reform.Budget.ShouldContain(b => b.Clause == "d-tier-award.specialized-sme" && b.Amount == 20m);
        found.Baseline.Budget.ShouldNotContain(b => b.Clause == "d-tier-award.specialized-sme");
    }

    [Fact]
    public void Raising_a_district_award_changes_its_budget()
    {
        var simulator = Simulator(ReformFile("  - {ruleSet: hz-district-2022, version: draft, target: d-tier-award.specialized-sme, key: amount.fixed, value: 30}\n"));
        var c = simulator.Compare(PolicySupport.Firm(PolicySupport.District), AsOf);
        c.Baseline.Budget.Single(b => b.Clause == "d-tier-award.specialized-sme").Amount.ShouldBe(20m);
        c.Reform.Budget.Single(b => b.Clause == "d-tier-award.specialized-sme").Amount.ShouldBe(30m);
    }

    [Fact]
    public void Unknown_targets_keys_and_values_are_errors_with_the_reform_line()
    {
        Errors("  - {ruleSet: specialized-sme, version: \"2022\", target: no-such-check, key: ge, value: 55}\n").ShouldContain(e => e.File == "reform.yaml" && e.Line == 5 && e.Message.Contains("no-such-check"));
        Errors("  - {ruleSet: specialized-sme, version: \"2022\", target: specialized.score-total, key: gt, value: 55}\n").ShouldContain(e => e.Message.Contains("nothing to change"));
        Errors("  - {ruleSet: specialized-sme, version: \"2022\", target: specialized.score-total, key: ge, value: high}\n").ShouldContain(e => e.Message.Contains("'high' is not a valid number"));
        Errors("  - {ruleSet: specialized-sme, version: \"2022\", target: specialized.score-total, key: fact, value: 1}\n").ShouldContain(e => e.Message.Contains("not a parameter"));
        Errors("  - {ruleSet: specialized-sme, version: \"2099\", target: specialized.score-total, key: ge, value: 1}\n").ShouldContain(e => e.Message.Contains("'2099'"));
    }

    [Fact]
    public void A_reformed_band_edge_is_validated_like_the_file()
    {
        // Moving the top band of net margin down to 9% leaves [9%, 10%) covered twice: an overlap error in the rule file.
        var errors = Errors("  - {ruleSet: specialized-sme, version: \"2022\", target: specialized.net-margin, key: bands.0.from, value: 0.09}\n");
        errors.ShouldContain(e => e.File == "national/specialized-sme.yaml" && e.Message.Contains("overlap"));
    }

    [Fact]
    public void A_negative_reformed_cap_is_rejected_by_the_policy_schema()
    {
        var reform = ReformFile("  - {ruleSet: hz-district-2022, version: draft, target: d-common-platform, key: amount.cap, value: -5}\n");
        Should.Throw<RuleLoadException>(() => PolicyCatalog.Load(_rules.Directory, reform)).Errors.ShouldContain(e => e.Message.Contains("'cap' must not be negative"));
    }

    [Fact]
    public void A_reform_file_is_read_strictly() =>
        Should.Throw<RuleLoadException>(() => ReformFile("  - {ruleSet: a, version: b, target: c, key: d, value: 1, colour: red}\n")).Errors.ShouldContain(e => e.Message.Contains("unknown key 'colour'"));

    /// <summary>Deterministic synthetic profiles (Y = 2024), a quarter of them on or next to a rule threshold.</summary>
    private static IEnumerable<EnterpriseProfile> Generated(int count)
    {
        var generator = new Tidu.Rules.Synthetic.ProfileGenerator(RegionTree.Shipped.Leaves(), Engine.Evaluator.Library, 2024, Tidu.Rules.Synthetic.TierMix.Zhejiang.Oversampled(40)); // candidates near the score line, not the real (sparse) shares
        return Enumerable.Range(0, count).Select(i => generator.Generate(7, i));
    }

    private List<RuleLoadError> Errors(string changes)
    {
        var reform = ReformFile(changes);
        var errors = new List<RuleLoadError>();
        try
        {
            RuleLibrary.Load(_rules.Directory, reform);
            PolicyCatalog.Load(_rules.Directory, reform);
        }
        catch (RuleLoadException ex)
        {
            errors.AddRange(ex.Errors);
        }
        errors.AddRange(reform.Unapplied());
        return errors;
    }
}
