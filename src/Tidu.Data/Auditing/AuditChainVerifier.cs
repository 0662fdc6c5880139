using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidu.Data.Entities;

namespace Tidu.Data.Auditing;

/// <summary>Where the chain first fails: which entry, what was checked, what it should be and what is stored.</summary>
/// <param name="EntryId">Database id of the entry (0 when the head row itself is what disagrees).</param>
/// <param name="Sequence">The entry's stored sequence.</param>
/// <param name="Check">"sequence", "hash", "unchained" (an entry without a place among chained ones) or "head".</param>
/// <param name="Expected">What the chain says the checked value must be.</param>
/// <param name="Actual">What is stored.</param>
public sealed record AuditChainBreak(long EntryId, long? Sequence, string Check, string Expected, string Actual)
{
    public override string ToString() =>
        $"entry {EntryId} (sequence {Sequence?.ToString(CultureInfo.InvariantCulture) ?? "none"}): {Check} expected {Expected}, found {Actual}";
}

/// <summary>The outcome of walking the chain.</summary>
/// <param name="Verified">Chained entries whose sequence and hash were checked before the first break (all when intact).</param>
/// <param name="Unchained">Entries written before the chain existed (they carry no sequence and cannot be verified).</param>
/// <param name="HeadSequence">The chain head's last sequence (publish it elsewhere to anchor the chain).</param>
/// <param name="HeadHash">The chain head's last hash.</param>
/// <param name="FirstBreak">The first failing check in sequence order, or null when the chain is intact.</param>
public sealed record AuditChainReport(long Verified, long Unchained, long HeadSequence, string HeadHash, AuditChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>Walks the audit chain in sequence order and recomputes every hash; used by <c>tidu audit verify</c> and the admin API.</summary>
public static class AuditChainVerifier
{
    public static async Task<AuditChainReport> VerifyAsync(TiduDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, ct).ConfigureAwait(false);
        var unchained = await db.AuditEntries.LongCountAsync(a => a.Sequence == null, ct).ConfigureAwait(false);
        if (head is null)
        {
            return new AuditChainReport(0, unchained, 0, "", new AuditChainBreak(0, null, "head", "the chain head row", "no row"));
        }
        var expected = 1L;
        var previous = AuditChain.Genesis;
        long? firstChainedId = null;
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(ct).ConfigureAwait(false))
        {
            firstChainedId ??= entry.Id;
            AuditChainBreak? broken = null;
            if (entry.Sequence != expected)
            {
                // A gap is a removed entry (or a renumbered one): the entry after it is where the chain breaks.
                broken = new AuditChainBreak(entry.Id, entry.Sequence, "sequence", Text(expected), Text(entry.Sequence!.Value));
            }
            else if (AuditChain.HashOf(previous, entry) is var hash && hash != entry.Hash)
            {
                broken = new AuditChainBreak(entry.Id, entry.Sequence, "hash", hash, entry.Hash ?? "(none)");
            }
            if (broken is not null)
            {
                return new AuditChainReport(expected - 1, unchained, head.Sequence, head.Hash, broken);
            }
            previous = entry.Hash!;
            expected++;
        }
        var verified = expected - 1;
        if (head.Sequence != verified || head.Hash != previous)
        {
            // Entries cut off the end (or a head moved by hand): the stored entries end before the head says.
            return new AuditChainReport(verified, unchained, head.Sequence, head.Hash,
                new AuditChainBreak(0, head.Sequence, "head", $"{Text(head.Sequence)}:{head.Hash}", $"{Text(verified)}:{previous}"));
        }
        if (firstChainedId is { } first
            && await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == null && a.Id > first).OrderBy(a => a.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false) is { } intruder)
        {
            // Only entries older than the chain may lack a place in it; a newer one was slipped in around the application.
            return new AuditChainReport(verified, unchained, head.Sequence, head.Hash,
                new AuditChainBreak(intruder.Id, null, "unchained", "a sequence and hash", "none"));
        }
        return new AuditChainReport(verified, unchained, head.Sequence, head.Hash, null);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
