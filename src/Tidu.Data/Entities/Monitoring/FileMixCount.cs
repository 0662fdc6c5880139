namespace Tidu.Data.Entities.Monitoring;

/// <summary>
/// How many enterprise files of one lowest-level region are in one industry section (the letter of GB/T 4754 that
/// begins the industry code) and one size class of their latest evaluation: the dashboard's industry and size-class
/// charts sum these rows instead of counting every file of the scope. Kept by the database's own triggers on
/// <c>Enterprises</c> (insert, update, delete — also the bulk load's COPY and merges), in the writing statement's
/// transaction, never recomputed.
/// </summary>
public sealed class FileMixCount
{
    /// <summary>Stored for a file without a size class (never evaluated, or the data did not allow it): a key column cannot be null.</summary>
    public const string NoSizeClass = "";

    public required string RegionCode { get; set; }
    public required string Section { get; set; }

    /// <summary>The latest evaluation's size class, or <see cref="NoSizeClass"/>.</summary>
    public required string SizeClass { get; set; }

    /// <summary>The region's ancestors (as on the enterprise), so a scope reads its rows by one equality.</summary>
    public required string ProvinceCode { get; set; }

    public string? CityCode { get; set; }
    public int Files { get; set; }
}
