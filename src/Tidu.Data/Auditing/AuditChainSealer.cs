using Microsoft.EntityFrameworkCore;
using Tidu.Data.Entities;

namespace Tidu.Data.Auditing;

/// <summary>
/// Gives the audit entries of a save their sequence and hash, inside the save's transaction. The first statement
/// is an UPDATE of the chain-head row: PostgreSQL then holds that row's lock, SQLite the database write lock, until
/// the transaction ends — so a concurrent save waits here and reads the head only after this one committed.
/// </summary>
internal static class AuditChainSealer
{
    public static async Task SealAsync(TiduDbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken ct)
    {
        await Heads(db).ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence), ct).ConfigureAwait(false);
        var head = await Heads(db).AsNoTracking().SingleOrDefaultAsync(ct).ConfigureAwait(false) ?? throw MissingHead();
        var (sequence, hash) = Chain(db.AuditHasher, head, pending);
        await Heads(db).ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.Hash, hash), ct).ConfigureAwait(false);
    }

    public static void Seal(TiduDbContext db, IReadOnlyList<AuditEntry> pending)
    {
        Heads(db).ExecuteUpdate(s => s.SetProperty(h => h.Sequence, h => h.Sequence));
        var head = Heads(db).AsNoTracking().SingleOrDefault() ?? throw MissingHead();
        var (sequence, hash) = Chain(db.AuditHasher, head, pending);
        Heads(db).ExecuteUpdate(s => s.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.Hash, hash));
    }

    private static IQueryable<AuditChainHead> Heads(TiduDbContext db) => db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId);

    private static (long Sequence, string Hash) Chain(IAuditHasher hasher, AuditChainHead head, IReadOnlyList<AuditEntry> pending)
    {
        var sequence = head.Sequence;
        var hash = head.Hash;
        foreach (var entry in pending)
        {
            entry.At = AuditChain.Normalise(entry.At);
            entry.Sequence = ++sequence;
            entry.Algorithm = hasher.Id;
            entry.Hash = hash = AuditChain.HashOf(hasher, hash, entry);
        }
        return (sequence, hash);
    }

    private static AuditTrailViolationException MissingHead() =>
        new("the audit chain head row is missing: the database was not migrated, or the row was deleted");
}
