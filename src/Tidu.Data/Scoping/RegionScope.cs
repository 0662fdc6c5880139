using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Workflow;
using Tidu.Domain.Regions;

namespace Tidu.Data.Scoping;

/// <summary>
/// Which enterprises the current actor may see and change: everything (system jobs, administrators), the
/// enterprises within one region (officers), one enterprise (an enterprise user), or none (experts until an
/// application is assigned to them). The database context applies it to every query and every write.
/// </summary>
/// <remarks>
/// A region scope knows its level once (from the region tree), so "within the region" is one equality on the column of
/// that level — <c>ProvinceCode</c>, <c>CityCode</c> or <c>RegionCode</c> — which an index led by that column serves
/// together with the list's sort. The private <c>EnterpriseWithin</c> test is the only place that maps a level to a column: the database
/// filter, the screening lists' region filter, shared lists and the in-memory check of writes all use it.
/// </remarks>
public sealed record RegionScope
{
    private RegionScope(string actor, bool all, string? regionCode, string? creditCode, string? expertId = null)
    {
        Actor = actor;
        All = all;
        RegionCode = regionCode;
        CreditCode = creditCode;
        ExpertId = expertId;
        Level = regionCode is null ? null : LevelOf(regionCode);
    }

    /// <summary>Who acts, as written to the audit trail.</summary>
    public string Actor { get; }

    public bool All { get; }
    public string? RegionCode { get; }
    public string? CreditCode { get; }

    /// <summary>The level of <see cref="RegionCode"/> in the region tree; null for other scopes and for a code not in the tree (which sees nothing).</summary>
    public RegionLevel? Level { get; }

    /// <summary>Set for an expert: the user id whose assigned applications (and their enterprises) are visible.</summary>
    public string? ExpertId { get; }

    /// <summary>
    /// Whether this actor may know who reviews an application and what each expert scored (the access matrix decides;
    /// the database hides the other experts' steps and the assignments from everyone else). An expert always sees
    /// their own steps.
    /// </summary>
    public bool SeesReviewers { get; init; }

    /// <summary>The scope's code when it is a province (else null); with <see cref="CityCode"/> and <see cref="CountyCode"/> at most one is set.</summary>
    public string? ProvinceCode => Level == RegionLevel.Province ? RegionCode : null;

    public string? CityCode => Level == RegionLevel.City ? RegionCode : null;

    public string? CountyCode => Level == RegionLevel.County ? RegionCode : null;

    public static RegionScope Everything(string actor) => new(actor, true, null, null) { SeesReviewers = true };

    public static RegionScope Region(string actor, string regionCode) => new(actor, false, regionCode, null);

    public static RegionScope OneEnterprise(string actor, string creditCode) => new(actor, false, null, creditCode);

    public static RegionScope Nothing(string actor) => new(actor, false, null, null);

    /// <summary>An expert: sees the applications assigned to them, and writes only their own assignments' declarations and scores.</summary>
    public static RegionScope Expert(string actor, string expertId) => new(actor, false, null, null, expertId);

    /// <summary>The level of a region code in the shipped region tree, or null when the tree does not hold it.</summary>
    public static RegionLevel? LevelOf(string regionCode) => RegionTree.Shipped.Find(regionCode)?.Level switch
    {
        "province" => RegionLevel.Province,
        "city" => RegionLevel.City,
        "county" => RegionLevel.County,
        _ => null,
    };

    /// <summary>
    /// Within a region, given the code of the level it is at (the other two null; all three null: nothing). Written so
    /// that a null code makes its test false by the column's own nullability — a non-null column never equals null, and
    /// the nullable <c>CityCode</c> is also required non-null — with no separate <c>code != null</c> test: EF Core would
    /// turn that into a boolean parameter the database cannot plan around, whereas a comparison with a null parameter
    /// it folds to false when it generates the SQL (it keeps one SQL text per parameter nullness). So the database sees
    /// one equality on one indexed column — no OR across columns, no flag — and in memory the same expression holds.
    /// </summary>
    private static readonly Expression<Func<Enterprise, string?, string?, string?, bool>> EnterpriseWithin = (e, province, city, county) =>
        e.ProvinceCode == province
        || (e.CityCode == city && e.CityCode != null)
        || e.RegionCode == county;

    /// <summary>The same test for an expert assignment, on the region columns copied from its enterprise.</summary>
    private static readonly Expression<Func<ExpertAssignment, string?, string?, string?, bool>> AssignmentWithin = (x, province, city, county) =>
        x.EnterpriseProvinceCode == province
        || (x.EnterpriseCityCode == city && x.EnterpriseCityCode != null)
        || x.EnterpriseRegionCode == county;

    /// <summary>The same test for a roll-up row, on its region's own columns.</summary>
    private static readonly Expression<Func<Entities.Monitoring.TierDayCount, string?, string?, string?, bool>> CountWithin = (x, province, city, county) =>
        x.ProvinceCode == province
        || (x.CityCode == city && x.CityCode != null)
        || x.RegionCode == county;

    /// <summary>The same test for a row of the industry and size-class counts.</summary>
    private static readonly Expression<Func<Entities.Monitoring.FileMixCount, string?, string?, string?, bool>> MixRowWithin = (x, province, city, county) =>
        x.ProvinceCode == province
        || (x.CityCode == city && x.CityCode != null)
        || x.RegionCode == county;

    private static readonly Func<Enterprise, string?, string?, string?, bool> EnterpriseWithinCompiled = EnterpriseWithin.Compile();

    /// <summary>
    /// Enterprises within the region (its own code and everything below), as a query condition; a code not in the tree
    /// matches nothing. The codes are captured as query parameters.
    /// </summary>
    public static Expression<Func<Enterprise, bool>> Within(string regionCode)
    {
        var level = LevelOf(regionCode);
        var codes = new LevelCodes(level == RegionLevel.Province ? regionCode : null, level == RegionLevel.City ? regionCode : null,
            level == RegionLevel.County ? regionCode : null);
        return Bind(EnterpriseWithin, () => codes.Province, () => codes.City, () => codes.County);
    }

    /// <summary>The region condition with its three codes read from the given expressions (the database context's scope members).</summary>
    internal static Expression<Func<Enterprise, bool>> Within(Expression<Func<string?>> province, Expression<Func<string?>> city, Expression<Func<string?>> county) =>
        Bind(EnterpriseWithin, province, city, county);

    internal static Expression<Func<ExpertAssignment, bool>> AssignmentsWithin(Expression<Func<string?>> province, Expression<Func<string?>> city, Expression<Func<string?>> county) =>
        Bind(AssignmentWithin, province, city, county);

    internal static Expression<Func<Entities.Monitoring.TierDayCount, bool>> CountsWithin(Expression<Func<string?>> province, Expression<Func<string?>> city, Expression<Func<string?>> county) =>
        Bind(CountWithin, province, city, county);

    internal static Expression<Func<Entities.Monitoring.FileMixCount, bool>> MixWithin(Expression<Func<string?>> province, Expression<Func<string?>> city, Expression<Func<string?>> county) =>
        Bind(MixRowWithin, province, city, county);

    /// <summary>
    /// The same test as the database filter, for objects in memory (writes are checked with it). An expert's assigned
    /// enterprises are readable but never writable, so they are not contained here.
    /// </summary>
    public bool Contains(Enterprise e) =>
        All
        || (CreditCode is not null
            ? e.CreditCode == CreditCode
            : EnterpriseWithinCompiled(e, ProvinceCode, CityCode, CountyCode));

    private static Expression<Func<T, bool>> Bind<T>(Expression<Func<T, string?, string?, string?, bool>> test,
        Expression<Func<string?>> province, Expression<Func<string?>> city, Expression<Func<string?>> county)
    {
        var body = ReplacingExpressionVisitor.Replace(test.Parameters[1], province.Body, test.Body);
        body = ReplacingExpressionVisitor.Replace(test.Parameters[2], city.Body, body);
        body = ReplacingExpressionVisitor.Replace(test.Parameters[3], county.Body, body);
        return Expression.Lambda<Func<T, bool>>(body, test.Parameters[0]);
    }

    /// <summary>Captured by <see cref="Within(string)"/> so EF Core reads the codes as parameters, not constants baked into the SQL.</summary>
    private sealed record LevelCodes(string? Province, string? City, string? County);
}

/// <summary>The levels of the region tree a scope can be at.</summary>
public enum RegionLevel
{
    Province,
    City,
    County,
}
