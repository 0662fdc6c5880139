using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidu.Data.Entities;

namespace Tidu.Data.Auditing;

/// <summary>Where the chain first fails: which entry, what was checked, what it should be and what is stored.</summary>
/// <param name="EntryId">Database id of the entry (0 when the head row or an anchor is what disagrees).</param>
/// <param name="Sequence">The entry's stored sequence (the anchored one for an anchor).</param>
/// <param name="Check">"sequence", "hash", "algorithm" (an unknown one), "unchained" (an entry without a place in the chain), "head" or "anchor".</param>
/// <param name="Expected">What the chain (or the anchor) says the checked value must be.</param>
/// <param name="Actual">What is stored.</param>
public sealed record AuditChainBreak(long EntryId, long? Sequence, string Check, string Expected, string Actual)
{
    public override string ToString() =>
        $"entry {EntryId} (sequence {Sequence?.ToString(CultureInfo.InvariantCulture) ?? "none"}): {Check} expected {Expected}, found {Actual}";
}

/// <summary>The outcome of walking the chain.</summary>
/// <param name="Verified">Chained entries whose sequence and hash were checked before the first break (all when intact).</param>
/// <param name="Unchained">Entries without a sequence (the database refuses them; any one found is a break).</param>
/// <param name="HeadSequence">The chain head's last sequence.</param>
/// <param name="HeadHash">The chain head's last hash.</param>
/// <param name="Anchors">Anchors checked (0 when no anchor file was given).</param>
/// <param name="FirstBreak">The first failing check in sequence order, or null when the chain is intact.</param>
public sealed record AuditChainReport(long Verified, long Unchained, long HeadSequence, string HeadHash, int Anchors, AuditChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>
/// Walks the audit chain in sequence order and recomputes every keyed hash, then checks the head and the anchors kept
/// outside the database; used by <c>tidu audit verify</c> and the administrators' API.
/// </summary>
public static class AuditChainVerifier
{
    public static async Task<AuditChainReport> VerifyAsync(TiduDbContext db, AuditHashing hashing, IReadOnlyList<AuditAnchor>? anchors = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(hashing);
        var anchored = (anchors ?? []).ToList();
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, ct).ConfigureAwait(false);
        var unchained = await db.AuditEntries.LongCountAsync(a => a.Sequence == null, ct).ConfigureAwait(false);
        if (head is null)
        {
            return new AuditChainReport(0, unchained, 0, "", anchored.Count, new AuditChainBreak(0, null, "head", "the chain head row", "no row"));
        }
        AuditChainReport Broken(long verified, AuditChainBreak b) => new(verified, unchained, head.Sequence, head.Hash, anchored.Count, b);

        // An anchor whose own MAC is wrong was forged or damaged: nothing it says is trusted.
        foreach (var a in anchored)
        {
            if (AuditAnchors.Authentic(a, hashing) is not true)
            {
                return Broken(0, new AuditChainBreak(0, a.Sequence, "anchor", $"an anchor authenticated by a known key (line {a.Line})", $"{a.Algorithm}:{a.Mac}"));
            }
        }
        var wanted = anchored.GroupBy(a => a.Sequence).ToDictionary(g => g.Key, g => g.Last());
        var expected = 1L;
        var previous = AuditChain.Genesis;
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(ct).ConfigureAwait(false))
        {
            if (entry.Sequence != expected)
            {
                // A gap is a removed entry (or a renumbered one): the entry after it is where the chain breaks.
                return Broken(expected - 1, new AuditChainBreak(entry.Id, entry.Sequence, "sequence", Text(expected), Text(entry.Sequence!.Value)));
            }
            if (hashing.Find(entry.Algorithm) is not { } hasher)
            {
                // Only the configured keyed hashes seal entries: a plain or unknown hash is a rewrite.
                return Broken(expected - 1, new AuditChainBreak(entry.Id, entry.Sequence, "algorithm", "a configured keyed hash", entry.Algorithm ?? "(none)"));
            }
            if (AuditChain.HashOf(hasher, previous, entry) is var hash && hash != entry.Hash)
            {
                return Broken(expected - 1, new AuditChainBreak(entry.Id, entry.Sequence, "hash", hash, entry.Hash ?? "(none)"));
            }
            if (wanted.TryGetValue(expected, out var anchor) && anchor.Hash != entry.Hash)
            {
                // The chain is consistent but not the one anchored: rewritten by someone holding the key.
                return Broken(expected - 1, new AuditChainBreak(entry.Id, entry.Sequence, "anchor", $"{anchor.Hash} (anchored {anchor.At:yyyy-MM-dd HH:mm}Z)", entry.Hash!));
            }
            previous = entry.Hash!;
            expected++;
        }
        var verified = expected - 1;
        if (head.Sequence != verified || head.Hash != previous)
        {
            // Entries cut off the end (or a head moved by hand): the stored entries end before the head says.
            return Broken(verified, new AuditChainBreak(0, head.Sequence, "head", $"{Text(head.Sequence)}:{head.Hash}", $"{Text(verified)}:{previous}"));
        }
        if (anchored.Count > 0 && anchored.Max(a => a.Sequence) is var last && last > verified)
        {
            // The tail was cut and the head rewound to match: the anchors remember a longer chain.
            return Broken(verified, new AuditChainBreak(0, last, "anchor", $"a chain of at least {Text(last)} entries (anchored)", Text(verified)));
        }
        if (unchained > 0
            && await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == null).OrderBy(a => a.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false) is { } intruder)
        {
            // The database refuses an entry without a sequence: one that is there was slipped in around the trigger.
            return Broken(verified, new AuditChainBreak(intruder.Id, null, "unchained", "a sequence and hash", "none"));
        }
        return new AuditChainReport(verified, unchained, head.Sequence, head.Hash, anchored.Count, null);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
