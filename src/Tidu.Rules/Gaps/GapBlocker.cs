using System.Text.Json.Nodes;

namespace Tidu.Rules.Gaps;

/// <summary>
/// A check no data change passes now, with what would: the earliest evaluation date (<see cref="Earliest"/>), the
/// rung to obtain first (<see cref="Tier"/>, and whether the enterprise already meets it), or the record to clear.
/// </summary>
public sealed record GapBlocker(
    string Check,
    string Title,
    BlockerKind Kind,
    string? Path,
    JsonNode? Current,
    DateOnly? Earliest,
    string? Tier,
    bool? PrerequisiteQualified,
    string Note);
