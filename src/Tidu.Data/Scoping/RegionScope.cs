using Tidu.Data.Entities;

namespace Tidu.Data.Scoping;

/// <summary>
/// Which enterprises the current actor may see and change: everything (system jobs, administrators), the
/// enterprises within one region (officers), one enterprise (an enterprise user), or none (experts until an
/// application is assigned to them). The database context applies it to every query and every write.
/// </summary>
public sealed record RegionScope
{
    private RegionScope(string actor, bool all, string? regionCode, string? creditCode, string? expertId = null)
    {
        Actor = actor;
        All = all;
        RegionCode = regionCode;
        CreditCode = creditCode;
        ExpertId = expertId;
    }

    /// <summary>Who acts, as written to the audit trail.</summary>
    public string Actor { get; }

    public bool All { get; }
    public string? RegionCode { get; }
    public string? CreditCode { get; }

    /// <summary>Set for an expert: the user id whose assigned applications (and their enterprises) are visible.</summary>
    public string? ExpertId { get; }

    /// <summary>
    /// Whether this actor may know who reviews an application and what each expert scored (the access matrix decides;
    /// the database hides the other experts' steps and the assignments from everyone else). An expert always sees
    /// their own steps.
    /// </summary>
    public bool SeesReviewers { get; init; }

    public static RegionScope Everything(string actor) => new(actor, true, null, null) { SeesReviewers = true };

    public static RegionScope Region(string actor, string regionCode) => new(actor, false, regionCode, null);

    public static RegionScope OneEnterprise(string actor, string creditCode) => new(actor, false, null, creditCode);

    public static RegionScope Nothing(string actor) => new(actor, false, null, null);

    /// <summary>An expert: sees the applications assigned to them, and writes only their own assignments' declarations and scores.</summary>
    public static RegionScope Expert(string actor, string expertId) => new(actor, false, null, null, expertId);

    /// <summary>
    /// The same test as the database filter, for objects in memory (writes are checked with it). An expert's assigned
    /// enterprises are readable but never writable, so they are not contained here.
    /// </summary>
    public bool Contains(Enterprise e) =>
        All
        || (CreditCode is not null
            ? e.CreditCode == CreditCode
            : RegionCode is not null && (e.RegionCode == RegionCode || e.CityCode == RegionCode || e.ProvinceCode == RegionCode));
}
