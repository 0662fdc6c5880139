using System.Globalization;

namespace Tidu.Rules.Versions;

/// <summary>A rule set of any kind as listed by <c>tidu rules list</c>: its header and every dated version.</summary>
public sealed record RuleSetEntry(
    string Id,
    string Kind,
    string Title,
    string Jurisdiction,
    string File,
    string SourceTitle,
    string? SourceNumber,
    IReadOnlyList<VersionSnapshot> Versions)
{
    /// <summary>The version in force on <paramref name="date"/>, or null when none is.</summary>
    public VersionSnapshot? VersionOn(DateOnly date) => Versions.FirstOrDefault(v => v.IsInForceOn(date));

    /// <summary>"2022 2022-08-01–2026-03-31; 2026 2026-04-01–", for messages.</summary>
    public string DescribeVersions() => string.Join("; ", Versions.Select(v =>
        $"{v.VersionId} {v.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}–{v.EffectiveTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
}
