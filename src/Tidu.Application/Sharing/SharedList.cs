using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Scoping;

namespace Tidu.Application.Sharing;

/// <summary>One enterprise on a shared list: who it is and which in-scope tiers it holds or qualifies for.</summary>
public sealed record SharedListRow(
    string CreditCode,
    string Name,
    string RegionCode,
    string? IndustryCode,
    IReadOnlyList<SharedRecognition> Recognitions,
    IReadOnlyList<string> QualifiedTiers);

/// <summary>A recognition in force on the list's date.</summary>
public sealed record SharedRecognition(string Tier, DateOnly RecognizedOn, DateOnly? ValidUntil);

/// <summary>
/// Builds the list a recipient may receive: enterprises in the caller's region scope (the database filter, from
/// the key's region) and in the asked region, holding a recognition in force or qualifying in the latest
/// evaluation for one of the asked tiers, and with an active consent for the key's recipient kind.
/// </summary>
public static class SharedList
{
    public static async Task<IReadOnlyList<SharedListRow>> BuildAsync(TiduDbContext db, string recipientKind, string regionCode, IReadOnlyList<string> tiers,
        DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tierList = tiers.ToList();
        var rows = await db.Enterprises.AsNoTracking()
            .Where(RegionScope.Within(regionCode))
            .Where(e => db.SharingConsents.Any(c => c.EnterpriseId == e.Id && c.RecipientKind == recipientKind && c.WithdrawnAt == null))
            .Where(e => e.Recognitions.Any(r => tierList.Contains(r.Tier) && r.RecognizedOn <= today && (r.ValidUntil == null || r.ValidUntil >= today))
                || e.TierOutcomes.Any(t => t.Qualified && tierList.Contains(t.Tier)))
            .OrderBy(e => e.CreditCode)
            .Select(e => new
            {
                e.CreditCode,
                e.Name,
                e.RegionCode,
                e.IndustryCode,
                Recognitions = e.Recognitions
                    .Where(r => tierList.Contains(r.Tier) && r.RecognizedOn <= today && (r.ValidUntil == null || r.ValidUntil >= today))
                    .Select(r => new { r.Tier, r.RecognizedOn, r.ValidUntil }).ToList(),
                Qualified = e.TierOutcomes.Where(t => t.Qualified && tierList.Contains(t.Tier)).Select(t => t.Tier).ToList(),
            })
            .ToListAsync(ct).ConfigureAwait(false);
        // Tier order inside a row follows the key's tier order, so the content (and its hash) does not depend on the database.
        return rows.Select(r => new SharedListRow(r.CreditCode, r.Name, r.RegionCode, r.IndustryCode,
                r.Recognitions.OrderBy(x => tierList.IndexOf(x.Tier)).ThenBy(x => x.RecognizedOn).Select(x => new SharedRecognition(x.Tier, x.RecognizedOn, x.ValidUntil)).ToList(),
                r.Qualified.OrderBy(tierList.IndexOf).ToList()))
            .ToList();
    }

    /// <summary>
    /// SHA-256 of the rows, one tab-separated line each, in list order: the same rows give the same hash whether
    /// they were delivered as JSON or XLSX, so a recipient can show which list it received.
    /// </summary>
    public static string Hash(IReadOnlyList<SharedListRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var b = new StringBuilder();
        foreach (var r in rows)
        {
            b.Append(r.CreditCode).Append('\t').Append(r.Name).Append('\t').Append(r.RegionCode).Append('\t').Append(r.IndustryCode).Append('\t')
                .AppendJoin(',', r.Recognitions.Select(x => $"{x.Tier}:{Date(x.RecognizedOn)}:{(x.ValidUntil is { } u ? Date(u) : "")}")).Append('\t')
                .AppendJoin(',', r.QualifiedTiers).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(b.ToString())));
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
