namespace Tidu.Data.Entities.Monitoring;

/// <summary>
/// One city's count in one published batch of a province's recognition lists (e.g. 浙经信企业〔2023〕23号, 第二批, 杭州市
/// 505 newly recognised specialized SMEs), imported by the province from the published document — data, not part of the
/// build. Kind is recognized (newly recognised, 认定) or review-passed (re-examined and kept, 复核通过): they are never
/// added together. Re-importing a batch replaces its counts; every import is audited.
/// </summary>
public sealed class OfficialRecognitionCount
{
    public long Id { get; set; }

    /// <summary>The province that published the list (6-digit code, e.g. 330000).</summary>
    public required string ProvinceCode { get; set; }

    public required string Tier { get; set; }
    public int Year { get; set; }

    /// <summary>The batch as the document names it (第一批, 第二批 …).</summary>
    public required string Batch { get; set; }

    /// <summary>recognized or review-passed (<see cref="OfficialCountKinds"/>).</summary>
    public required string Kind { get; set; }

    public required string CityCode { get; set; }
    public int Count { get; set; }

    /// <summary>The document number (文号) of the published list; null when the source gave none.</summary>
    public string? Document { get; set; }

    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>The two kinds of published counts.</summary>
public static class OfficialCountKinds
{
    public const string Recognized = "recognized";
    public const string ReviewPassed = "review-passed";
}
