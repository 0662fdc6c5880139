namespace Tidu.Domain.Profiles;

/// <summary>专精特新发展质量评价得分 issued by the national platform for one year (v1.1).</summary>
public sealed record QualityEvaluation(int Year, decimal Score);
