using Tidu.Domain.Profiles;

namespace Tidu.Rules.Gaps;

/// <summary>An input a fact reads that a change can set. <see cref="Key"/> identifies the input (one edit per input in a plan).</summary>
internal abstract record Lever(string Key, string? Path, Effort Effort, string? Unit, BlockerInfo? Blocker);

/// <summary>
/// A numeric input: the search walks the grid of <see cref="Step"/> (0.01 万元, whole counts, 0.0001 for shares) from
/// <see cref="Current"/> towards the threshold and returns the first value that passes, so money is rounded the
/// way that really passes. The fact must not fall as the input rises (R&amp;D expense → R&amp;D ratio).
/// </summary>
internal sealed record NumberLever(
    string Key, string? Path, Effort Effort, string? Unit, BlockerInfo? Blocker,
    decimal? Current, decimal Step, decimal Min, decimal? Max, Func<EnterpriseProfile, decimal, EnterpriseProfile> Set)
    : Lever(Key, Path, Effort, Unit, Blocker)
{
    /// <summary>Other inputs <see cref="Set"/> may move with this one (operating revenue with main-business revenue beyond it).</summary>
    public IReadOnlyList<string> AlsoPaths { get; init; } = [];

    /// <summary>Set writes the value itself (not items added relative to a count), so the value can be searched again on another basis.</summary>
    public bool Absolute { get; init; } = true;
}

/// <summary>One value a discrete input can take (yes/no, a level, a recognition added), with its own effort when it differs.</summary>
internal sealed record Choice(string Label, Func<EnterpriseProfile, EnterpriseProfile> Apply, Effort? Effort = null);

/// <summary>A discrete input: the choices are tried in order (lowest level first) and the first that passes is taken.</summary>
internal sealed record ChoiceLever(string Key, string? Path, Effort Effort, string? Unit, BlockerInfo? Blocker, IReadOnlyList<Choice> Choices)
    : Lever(Key, Path, Effort, Unit, Blocker);

/// <summary>Nothing to set: the check is blocked (size class, missing year of financials …) and no hypothesis is made.</summary>
internal sealed record FixedBlocker(string Key, string? Path, BlockerInfo Info) : Lever(Key, Path, Effort.Blocked, null, Info);
