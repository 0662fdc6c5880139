namespace Tidu.Rules.Model;

/// <summary>Evaluation asked for a date no version of a rule set covers — never silently fall back to another.</summary>
public sealed class RuleNotInForceException(string ruleSetId, DateOnly date, IReadOnlyList<RuleVersionInfo> versions)
    : Exception($"no version of rule set '{ruleSetId}' is in force on {date:yyyy-MM-dd}; versions: " +
        string.Join("; ", versions.Select(v => $"{v.VersionId} {v.EffectiveFrom:yyyy-MM-dd}–{(v.EffectiveTo is { } to ? to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")}")))
{
    public string RuleSetId { get; } = ruleSetId;
    public DateOnly Date { get; } = date;
}
