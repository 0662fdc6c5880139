using Microsoft.EntityFrameworkCore;
using Tidu.Data;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>What the database holds for one enterprise, read past every scope: to show a refused write changed nothing.</summary>
public sealed record FileState(string Name, string RegionCode, int Revision, DateTimeOffset UpdatedAt, string Financials, int AuditEntries)
{
    public static Task<FileState?> ReadAsync(TiduAppFixture app, string creditCode)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(async db =>
        {
            var e = await db.Enterprises.AsNoTracking().Include(x => x.Financials).SingleOrDefaultAsync(x => x.CreditCode == creditCode).ConfigureAwait(false);
            if (e is null)
            {
                return null;
            }
            var audit = await AuditCountAsync(db, creditCode).ConfigureAwait(false);
            var years = string.Join(";", e.Financials.OrderBy(f => f.Year).Select(f => $"{f.Year}:{Amount(f.OperatingRevenue)}:{Amount(f.RdExpense)}:{f.Employees}"));
            return new FileState(e.Name, e.RegionCode, e.Revision, e.UpdatedAt, years, audit);
        });
    }

    // 300 and 300.0 are the same amount; providers keep the scale differently.
    private static string Amount(decimal? value) => value?.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    public static Task<int> AuditCountAsync(TiduDbContext db, string creditCode)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AuditEntries.CountAsync(a => a.CreditCode == creditCode);
    }
}
