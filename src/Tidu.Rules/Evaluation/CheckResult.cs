namespace Tidu.Rules.Evaluation;

/// <summary>
/// One line of an explanation: a condition, a group of conditions, or a scored indicator, with the actual
/// value, what was required, the points, the citation, and — when an input was missing — which one.
/// </summary>
public sealed record CheckResult
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>check, all, any, atLeast, include, indicator.</summary>
    public required string Kind { get; init; }

    /// <summary>Id of the enclosing group, null at the top.</summary>
    public string? Parent { get; init; }

    public required bool Passed { get; init; }
    public object? Actual { get; init; }
    public string? Required { get; init; }
    public string? Unit { get; init; }
    public decimal? Points { get; init; }
    public decimal? MaxPoints { get; init; }
    public string? Dimension { get; init; }
    public string? Cite { get; init; }
    public string? Note { get; init; }

    /// <summary>JSON Pointer of the input that was needed but not available.</summary>
    public string? MissingField { get; init; }

    public string? MissingReason { get; init; }

    /// <summary>The input was absent and the rule's stated default was used.</summary>
    public bool Defaulted { get; init; }

    public string? Advice { get; init; }
}
