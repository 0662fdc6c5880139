namespace Tidu.Domain.Profiles;

/// <summary>An honour or award held (high-tech enterprise, S&amp;T award, 创客中国 …).</summary>
public sealed record Honor(string Kind, int? Year, DateOnly? ValidUntil, int? Rank);
