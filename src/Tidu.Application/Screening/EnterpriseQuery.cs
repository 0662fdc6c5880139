using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities;

namespace Tidu.Application.Screening;

/// <summary>Screening lists computed by the database (the region scope filter of the context applies underneath).</summary>
public sealed class EnterpriseQuery(TiduDbContext db, CountCache counts)
{
    public IQueryable<Enterprise> Apply(EnterpriseFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var q = db.Enterprises.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Tier))
        {
            q = q.Where(e => e.TierOutcomes.Any(t => t.Tier == f.Tier && t.Qualified));
        }
        if (!string.IsNullOrWhiteSpace(f.NearMiss))
        {
            q = q.Where(e => e.TierOutcomes.Any(t => t.Tier == f.NearMiss && t.NearMiss));
        }
        if (f.SizeClass == "n/a")
        {
            q = q.Where(e => e.Evaluation!.SizeClass == null);
        }
        else if (!string.IsNullOrWhiteSpace(f.SizeClass))
        {
            q = q.Where(e => e.Evaluation!.SizeClass == f.SizeClass);
        }
        if (!string.IsNullOrWhiteSpace(f.Industry))
        {
            var prefix = f.Industry.Trim().ToUpperInvariant();
            q = q.Where(e => e.IndustryCode.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(f.Region))
        {
            var r = f.Region.Trim();
            q = q.Where(e => e.RegionCode == r || e.CityCode == r || e.ProvinceCode == r);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            // No StringComparison argument: EF cannot translate that overload (the query fails with a 500); the
            // column comparison is ordinal anyway, and the code is upper-cased here, outside the expression.
            var code = text.ToUpperInvariant();
            q = q.Where(e => e.Name.Contains(text) || e.CreditCode.StartsWith(code));
        }
        return (f.Sort ?? "name") switch
        {
            "-name" => q.OrderByDescending(e => e.Name).ThenBy(e => e.Id),
            "creditCode" => q.OrderBy(e => e.CreditCode),
            "-creditCode" => q.OrderByDescending(e => e.CreditCode),
            "region" => q.OrderBy(e => e.RegionCode).ThenBy(e => e.Name),
            "-region" => q.OrderByDescending(e => e.RegionCode).ThenBy(e => e.Name),
            "industry" => q.OrderBy(e => e.IndustryCode).ThenBy(e => e.Name),
            "-industry" => q.OrderByDescending(e => e.IndustryCode).ThenBy(e => e.Name),
            "tier" => q.OrderBy(e => e.Evaluation!.HighestTier).ThenBy(e => e.Name),
            "-tier" => q.OrderByDescending(e => e.Evaluation!.HighestTier).ThenBy(e => e.Name),
            _ => q.OrderBy(e => e.Name).ThenBy(e => e.Id),
        };
    }

    public async Task<Paged<EnterpriseRow>> PageAsync(EnterpriseFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(f);
        var size = Math.Clamp(f.PageSize, 1, EnterpriseFilter.MaxPageSize);
        var page = Math.Max(1, f.Page);
        var q = Apply(f);
        var total = await counts.GetAsync(db.Scope, "list:" + (f with { Sort = null, Page = 1, PageSize = 0 }), () => q.CountAsync(ct)).ConfigureAwait(false);
        var items = await Rows(q.Skip((page - 1) * size).Take(size)).ToListAsync(ct).ConfigureAwait(false);
        return new Paged<EnterpriseRow>(items, page, size, total);
    }

    public static IQueryable<EnterpriseRow> Rows(IQueryable<Enterprise> q) =>
        q.Select(e => new EnterpriseRow(e.CreditCode, e.Name, e.RegionCode, e.IndustryCode,
            e.Evaluation!.SizeClass, e.Evaluation.HighestTier, e.Evaluation.NearMissTier, e.Evaluation == null ? null : e.Evaluation.AsOf));
}
