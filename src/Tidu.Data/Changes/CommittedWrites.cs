using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tidu.Data.Changes;

/// <summary>
/// A counter this process moves on after every save and every commit of any <see cref="TiduDbContext"/>. Caches of
/// counts (lists, overview, monitoring) put it in their keys: a value computed before a write is never served after
/// it, whichever service, job, import or host in the process wrote. Another process's writes are not seen — those
/// caches keep a value only briefly for that reason.
/// </summary>
public static class CommittedWrites
{
    private static long _generation;

    /// <summary>Read before computing a cached value, so a write that lands during the computation retires it.</summary>
    public static long Generation => Interlocked.Read(ref _generation);

    internal static void Advance() => Interlocked.Increment(ref _generation);
}

/// <summary>
/// Moves <see cref="CommittedWrites"/> on after a save (its own transaction) and after a commit (an outer
/// transaction, such as an import's, whose saves are not visible to readers until then).
/// </summary>
internal sealed class CommittedWritesInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly CommittedWritesInterceptor Instance = new();

    // A save that wrote nothing (a background check that found nothing to do) leaves the caches alone.
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0)
        {
            CommittedWrites.Advance();
        }
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => CommittedWrites.Advance();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CommittedWrites.Advance();
        return Task.CompletedTask;
    }
}
