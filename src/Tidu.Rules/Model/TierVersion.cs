using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Model.Scoring;

namespace Tidu.Rules.Model;

/// <summary>A dated version of one tier's criteria: an optional scoring table and the qualifying conditions.</summary>
public sealed record TierVersion(RuleVersionInfo Info, IReadOnlyList<string> Readings, ScoreCard? Score, Condition Qualify) : IDatedVersion;
