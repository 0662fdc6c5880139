namespace Tidu.Rules.Versions;

/// <summary>One key whose value differs between two versions; null when a version does not set it.</summary>
public sealed record FieldChange(string Name, string? Before, string? After);
