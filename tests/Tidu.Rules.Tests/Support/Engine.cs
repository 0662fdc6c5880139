using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;

namespace Tidu.Rules.Tests.Support;

/// <summary>The shipped rule library, loaded once for all tests, and shortcuts to read one tier or one check.</summary>
public static class Engine
{
    private static readonly Lazy<Evaluator> Shared = new(() => new Evaluator(RuleLibrary.LoadDefault()));

    public static Evaluator Evaluator => Shared.Value;

    public static EnterpriseEvaluation Evaluate(EnterpriseProfile profile, DateOnly asOf) => Evaluator.Evaluate(profile, asOf);

    public static TierResult Tier(EnterpriseProfile profile, DateOnly asOf, string tier) =>
        Evaluate(profile, asOf).Tiers.Single(t => t.Tier == tier);

    public static CheckResult Check(EnterpriseProfile profile, DateOnly asOf, string tier, string checkId) =>
        Tier(profile, asOf, tier).Checks.Single(c => c.Id == checkId);

    /// <summary>One scored indicator (asserting it is one) of a tier.</summary>
    public static CheckResult Indicator(EnterpriseProfile profile, DateOnly asOf, string tier, string indicatorId)
    {
        var check = Check(profile, asOf, tier, indicatorId);
        check.Kind.ShouldBe("indicator");
        return check;
    }

    public static string? SizeClass(EnterpriseProfile profile, DateOnly asOf) => Evaluate(profile, asOf).SizeClass.SizeClass;

    /// <summary>
    /// One tier's conditions alone, on a date before the national rule sets begin (2022-08-01), when a whole
    /// evaluation is not possible: for tiers that read neither the size class nor another tier's outcome
    /// (Zhejiang's key little giant of the 2021 call).
    /// </summary>
    public static (bool Qualified, IReadOnlyList<CheckResult> Checks) TierAlone(EnterpriseProfile profile, DateOnly asOf, string tier)
    {
        var set = Evaluator.Library.Tiers.Single(t => t.Id == tier && Tidu.Rules.Model.Jurisdiction.Contains(t.Jurisdiction, profile.RegionCode));
        var version = set.RequireVersionOn(asOf);
        var sink = new ExplanationSink();
        var qualified = version.Qualify.Evaluate(new Tidu.Rules.Facts.EvaluationContext(profile, asOf), sink, null);
        return (qualified, sink.Results);
    }
}
