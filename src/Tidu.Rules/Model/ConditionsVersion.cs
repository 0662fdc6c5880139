using Tidu.Rules.Model.Conditions;

namespace Tidu.Rules.Model;

/// <summary>A dated version of a shared set of conditions (e.g. the basic conditions every tier includes).</summary>
public sealed record ConditionsVersion(RuleVersionInfo Info, Condition Conditions) : IDatedVersion;
