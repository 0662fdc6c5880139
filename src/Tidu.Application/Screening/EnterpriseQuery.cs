using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Scoping;

namespace Tidu.Application.Screening;

/// <summary>Screening lists computed by the database (the region scope filter of the context applies underneath).</summary>
public sealed class EnterpriseQuery(TiduDbContext db, CountCache counts)
{
    public IQueryable<Enterprise> Apply(EnterpriseFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Ordered(Filtered(db.Enterprises.AsNoTracking(), f), f);
    }

    private static IQueryable<Enterprise> Filtered(IQueryable<Enterprise> q, EnterpriseFilter f)
    {
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
            q = q.Where(RegionScope.Within(f.Region.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            // The code is upper-cased here, outside the expression (EF cannot translate a StringComparison overload).
            var code = text.ToUpperInvariant();
            // LIKE with the text's wildcards escaped, not string.Contains (which PostgreSQL gets as strpos): a LIKE
            // '%…%' is what PostgreSQL's trigram index on Name serves. SQLite reads the scope's rows in name order.
            var pattern = "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
            q = q.Where(e => EF.Functions.Like(e.Name, pattern, @"\") || e.CreditCode.StartsWith(code));
        }
        return q;
    }

    private static IQueryable<Enterprise> Ordered(IQueryable<Enterprise> q, EnterpriseFilter f)
    {
        // Every order ends on the credit code (unique), so a page boundary is exact and a keyset cursor names one row.
        return (f.Sort ?? "name") switch
        {
            "-name" => q.OrderByDescending(e => e.Name).ThenByDescending(e => e.CreditCode),
            "creditCode" => q.OrderBy(e => e.CreditCode),
            "-creditCode" => q.OrderByDescending(e => e.CreditCode),
            "region" => q.OrderBy(e => e.RegionCode).ThenBy(e => e.Name).ThenBy(e => e.CreditCode),
            "-region" => q.OrderByDescending(e => e.RegionCode).ThenBy(e => e.Name).ThenBy(e => e.CreditCode),
            "industry" => q.OrderBy(e => e.IndustryCode).ThenBy(e => e.Name).ThenBy(e => e.CreditCode),
            "-industry" => q.OrderByDescending(e => e.IndustryCode).ThenBy(e => e.Name).ThenBy(e => e.CreditCode),
            "tier" => q.OrderBy(e => e.Evaluation!.HighestTier).ThenBy(e => e.Name).ThenBy(e => e.CreditCode),
            "-tier" => q.OrderByDescending(e => e.Evaluation!.HighestTier).ThenBy(e => e.Name).ThenBy(e => e.CreditCode),
            _ => q.OrderBy(e => e.Name).ThenBy(e => e.CreditCode),
        };
    }

    /// <summary>
    /// Up to this many matches the total is counted exactly; beyond it the count would read every match of a province
    /// (a million files) on every new filter, so it is estimated (<see cref="Paged{T}.TotalEstimated"/>) from a sample.
    /// </summary>
    public const int ExactCountLimit = 10_000;

    /// <summary>
    /// One page: after the keyset cursor when one is given (deep pages cost what page 1 costs), else by page number.
    /// A cursor that does not belong to the list's order is refused with <see cref="ListCursor.MalformedException"/>.
    /// </summary>
    public async Task<Paged<EnterpriseRow>> PageAsync(EnterpriseFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(f);
        var size = Math.Clamp(f.PageSize, 1, EnterpriseFilter.MaxPageSize);
        var page = Math.Max(1, f.Page);
        var q = Apply(f);
        var (total, estimated) = await counts.GetAsync(db.Scope, "list:" + (f with { Sort = null, Page = 1, PageSize = 0, After = null }),
            () => CountAsync(f, ct)).ConfigureAwait(false);
        IQueryable<Enterprise> slice;
        if (f.After is { } after)
        {
            var cursor = ListCursor.Parse(after, f.Sort) ?? throw new ListCursor.MalformedException();
            slice = cursor.After(q).Take(size + 1);
        }
        else
        {
            slice = q.Skip((page - 1) * size).Take(size + 1);
        }
        var items = await Rows(slice).ToListAsync(ct).ConfigureAwait(false);
        var more = items.Count > size;
        if (more)
        {
            items.RemoveAt(size);
        }
        return new Paged<EnterpriseRow>(items, page, size, total)
        {
            TotalEstimated = estimated,
            Next = more ? ListCursor.Of(items[^1], f.Sort) : null,
        };
    }

    /// <summary>
    /// The exact number of matches up to <see cref="ExactCountLimit"/>; beyond it an estimate: the share of matches among
    /// the first <see cref="ExactCountLimit"/> files of the region (in name order, which no screening filter follows)
    /// times the region's exact number of files (one count on the scope column's index).
    /// </summary>
    private async Task<(int Total, bool Estimated)> CountAsync(EnterpriseFilter f, CancellationToken ct)
    {
        var capped = await Apply(f).Take(ExactCountLimit + 1).CountAsync(ct).ConfigureAwait(false);
        if (capped <= ExactCountLimit)
        {
            return (capped, false);
        }
        var region = new EnterpriseFilter { Region = f.Region };
        var regionTotal = await Apply(region).CountAsync(ct).ConfigureAwait(false);
        var sample = Apply(region).Take(ExactCountLimit);
        var hits = await Filtered(sample, f with { Region = null }).CountAsync(ct).ConfigureAwait(false);
        var estimate = (int)Math.Round((double)regionTotal * hits / ExactCountLimit);
        return (Math.Max(estimate, ExactCountLimit + 1), true);
    }

    public static IQueryable<EnterpriseRow> Rows(IQueryable<Enterprise> q) =>
        q.Select(e => new EnterpriseRow(e.CreditCode, e.Name, e.RegionCode, e.IndustryCode,
            e.Evaluation!.SizeClass, e.Evaluation.HighestTier, e.Evaluation.NearMissTier, e.Evaluation == null ? null : e.Evaluation.AsOf));
}
