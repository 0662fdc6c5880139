using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Tidu.Data.Changes;

/// <summary>
/// A counter this process moves on after every save and every commit of any <see cref="TiduDbContext"/>. Caches of
/// counts (lists, overview, monitoring) put it in their keys through <see cref="IWriteGeneration"/>: a value computed
/// before a write is never served after it, whichever service, job, import or host in the process wrote. Another
/// process's writes are seen only through a shared generation (a cluster's, <see cref="IWriteGeneration"/>).
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
/// transaction, such as an import's, whose saves are not visible to readers until then), and tells the host's shared
/// generation when there is one (a cluster node), so that every node's next read computes afresh.
/// </summary>
internal sealed class CommittedWritesInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly CommittedWritesInterceptor Instance = new();

    // A save that wrote nothing (a background check that found nothing to do) leaves the caches alone.
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0)
        {
            Committed(eventData.Context);
        }
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (result > 0)
        {
            await CommittedAsync(eventData.Context, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        CommittedAsync(eventData.Context, cancellationToken).AsTask();

    // The synchronous paths (none in the platform's own code) tell a shared generation without waiting: blocking on a
    // remote call inside a save could stall a grain's turn. The shared generation keeps a failed advance pending.
    private static void Committed(DbContext? context)
    {
        CommittedWrites.Advance();
        if (Shared(context) is { } shared)
        {
            _ = shared.AdvanceAsync(CancellationToken.None).AsTask();
        }
    }

    private static ValueTask CommittedAsync(DbContext? context, CancellationToken ct)
    {
        CommittedWrites.Advance();
        return Shared(context) is { } shared ? shared.AdvanceAsync(ct) : ValueTask.CompletedTask;
    }

    /// <summary>The host's generation when it is not this process's own counter (contexts built outside DI have none).</summary>
    private static IWriteGeneration? Shared(DbContext? context)
    {
        var services = context?.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        var generation = services?.GetService<IWriteGeneration>();
        return generation is LocalWriteGeneration ? null : generation;
    }
}
