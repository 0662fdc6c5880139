using System.Text.Json.Nodes;
using Tidu.Domain.Profiles;

namespace Tidu.Rules.Gaps;

/// <summary>What makes an edit a blocker: its kind, and what would resolve it (date, rung to obtain).</summary>
internal sealed record BlockerInfo(BlockerKind Kind, DateOnly? Earliest = null, string? Tier = null, bool? PrerequisiteQualified = null, bool HasHypothesis = true, string? Detail = null);

/// <summary>
/// One edit of a plan: the input it sets (<see cref="Key"/>, one edit per key in a plan), the value for the report
/// (JSON, as in the input) and the same edit on the typed profile for fast probing. A blocker's edit is the
/// hypothesis "if this were resolved", used only to check the rest of the plan.
/// </summary>
internal sealed record Edit
{
    public required string Key { get; init; }
    public required string? Path { get; init; }

    /// <summary>Other inputs the edit may move with <see cref="Path"/>; reported when their value changes.</summary>
    public IReadOnlyList<string> AlsoPaths { get; init; } = [];
    public required string CheckId { get; init; }
    public required string CheckTitle { get; init; }
    public JsonNode? Current { get; init; }
    public JsonNode? Needed { get; init; }

    /// <summary>The numeric value set and the direction moved (+1 up, −1 down, 0 not numeric), to merge two edits of one input.</summary>
    public decimal? NeededNumber { get; init; }

    public int Direction { get; init; }
    public string? Unit { get; init; }
    public required Effort Effort { get; init; }
    public required decimal Cost { get; init; }
    public required Func<EnterpriseProfile, EnterpriseProfile> Apply { get; init; }
    public BlockerInfo? Blocker { get; init; }

    /// <summary>The numeric lever the value was found on (Current = the value before any edit), to pull the value back later.</summary>
    public NumberLever? Lever { get; init; }
}
