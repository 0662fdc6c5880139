using Tidu.Rules.Model;

namespace Tidu.Rules.Evaluation;

/// <summary>The SME size class with the industry group used and the checks that decided it.</summary>
public sealed record SizeClassResult(string? SizeClass, string? Group, string? GroupTitle, RuleVersionInfo Version, string? MissingField, string? MissingReason, IReadOnlyList<CheckResult> Checks);
