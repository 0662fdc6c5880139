namespace Tidu.Rules.Evaluation;

/// <summary>Everything Tidu concluded about one enterprise on one date.</summary>
public sealed record EnterpriseEvaluation(string CreditCode, string Name, string RegionCode, DateOnly AsOf, SizeClassResult SizeClass, IReadOnlyList<TierResult> Tiers);
