using Microsoft.EntityFrameworkCore;
using Tidu.Data;

namespace Tidu.Application.Screening;

/// <summary>Which fiscal year each financials entry of a stored file holds, so a page names "/financials/2/…" as "2025年 …".</summary>
public sealed class FileYears(TiduDbContext db)
{
    public async Task<Func<int, int?>> OfAsync(string creditCode, CancellationToken ct)
    {
        var years = await db.FinancialYears.AsNoTracking().Where(f => f.Enterprise.CreditCode == creditCode).Select(f => f.Year).ToListAsync(ct).ConfigureAwait(false);
        // The platform writes a stored file's financials in ascending years (ProfileMapping): entry i holds the i-th year.
        years.Sort();
        return i => i >= 0 && i < years.Count ? years[i] : null;
    }
}
