namespace Tidu.Rules.Model.Scoring;

/// <summary>A scoring table: dimensions with their maxima, and the indicators that fill them.</summary>
public sealed record ScoreCard(IReadOnlyList<Dimension> Dimensions, IReadOnlyList<Indicator> Indicators);

public sealed record Dimension(string Id, string Title, decimal Max);
