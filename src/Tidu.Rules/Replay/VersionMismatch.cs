using System.Globalization;

namespace Tidu.Rules.Replay;

/// <summary>
/// Stored results were made under a rule version the corrected rules do not have in force on their date (another
/// version id, other dates, or no such rule set): replaying them would compare different versions, so replay refuses.
/// </summary>
public sealed record VersionMismatch(StoredVersion Stored, DateOnly AsOf, string? InForce, int Results)
{
    public override string ToString()
    {
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var now = InForce ?? $"no version of '{Stored.RuleSetId}' in force on that date";
        return $"{Results} result(s) dated {D(AsOf)} were made under {Stored.RuleSetId} version '{Stored.VersionId}' ({D(Stored.EffectiveFrom)}–{D(Stored.EffectiveTo)}); the rules given have {now}";
    }
}
