namespace Tidu.Data.Entities.Monitoring;

/// <summary>
/// The roll-up of the evaluation history and of the recognitions: by how much the number of enterprises qualified (and
/// near misses, one decisive check short and not qualified) for <see cref="Tier"/> in one lowest-level region, and the
/// number holding a valid recognition of it, changed on <see cref="Day"/>.
/// The counts on a date are the sums of the rows up to that date. Maintained in the same transaction as the history
/// rows or recognitions it sums (<c>TierDayCounts</c>), never recomputed from them; a row is keyed by region, tier and day and its
/// changes are added to it, so concurrent writers add rather than overwrite.
/// </summary>
public sealed class TierDayCount
{
    public required string RegionCode { get; set; }
    public required string Tier { get; set; }
    public DateOnly Day { get; set; }

    /// <summary>The region's ancestors (as on the enterprise), so a scope reads its rows by one equality.</summary>
    public required string ProvinceCode { get; set; }

    public string? CityCode { get; set; }
    public int Qualified { get; set; }
    public int NearMisses { get; set; }

    /// <summary>
    /// Enterprises of the region (where they are now) holding a valid recognition of the tier, each once however many it
    /// holds; maintained with every write of recognitions or of a file's region (<c>RecognitionCounts</c>).
    /// </summary>
    public int Recognized { get; set; }
}
