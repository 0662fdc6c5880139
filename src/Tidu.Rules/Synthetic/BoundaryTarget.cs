namespace Tidu.Rules.Synthetic;

/// <summary>
/// A numeric threshold of the rule library on a fact the generator can set directly: a check's threshold or a scoring
/// band's lower edge, of any version. <see cref="YearOffset"/> is the check's year argument (0 = the last fiscal year Y,
/// or the evaluation year for a quality-evaluation score).
/// </summary>
public sealed record BoundaryTarget(string RuleSet, string CheckId, string Fact, int YearOffset, decimal Threshold);
