namespace Tidu.Rules.Synthetic;

/// <summary>A numeric threshold of the rule library on a fact the generator can set directly.</summary>
public sealed record BoundaryTarget(string RuleSet, string CheckId, string Fact, int YearOffset, decimal Threshold);
