using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Tidu.Data.Changes;

/// <summary>
/// Counters this process moves on after every save and every commit of any <see cref="TiduDbContext"/>. Caches of
/// counts (lists, overview, monitoring) put them in their keys: a value computed before a write is never served after
/// it, whichever service, job, import or host in the process wrote. A write of enterprise files moves on only the
/// counters of the regions it wrote (<see cref="WrittenRegions"/>: each file's county, city and province) and
/// <see cref="Everywhere"/>, so a county's cached counts outlive a write in the next county; any other write moves on
/// <see cref="Generation"/>, which retires every count. Another process's writes are seen only through a shared
/// generation (a cluster's, <see cref="IWriteGeneration"/>), which moves on for every write.
/// </summary>
public static class CommittedWrites
{
    /// <summary>The counter of scopes that are not one region (everything, one enterprise, an expert's): every file write moves it.</summary>
    public const string Everywhere = "*";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> Regions = new(StringComparer.Ordinal);
    private static long _generation;

    /// <summary>Writes not attributed to regions. Read before computing a cached value, so a write that lands during the computation retires it.</summary>
    public static long Generation => Interlocked.Read(ref _generation);

    /// <summary>Writes of enterprise files in <paramref name="regionCode"/> (a county, city or province code, or <see cref="Everywhere"/>).</summary>
    public static long RegionGeneration(string regionCode) => Regions.TryGetValue(regionCode, out var g) ? g : 0;

    internal static void Advance() => Interlocked.Increment(ref _generation);

    internal static void Advance(WrittenRegions written)
    {
        if (written.Unattributed || written.Codes.Count == 0)
        {
            Advance();
            return;
        }
        foreach (var code in written.Codes.Append(Everywhere))
        {
            Regions.AddOrUpdate(code, 1, (_, g) => g + 1);
        }
    }
}

/// <summary>
/// Moves <see cref="CommittedWrites"/> on after a save (its own transaction) and after a commit (an outer
/// transaction, such as an import's, whose saves are not visible to readers until then), and tells the host's shared
/// generation when there is one (a cluster node), so that every node's next read computes afresh. What a save wrote is
/// read before it runs (<see cref="WrittenRegions.Of"/>; afterwards the entries are unchanged or gone) and gathered on
/// the context until its transaction ends: a commit retires the regions of every save in it, or everything when any of
/// them was unattributed or nothing was recorded (a commit of raw SQL alone).
/// </summary>
internal sealed class CommittedWritesInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly CommittedWritesInterceptor Instance = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Classify(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Classify(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A save that wrote nothing (a background check that found nothing to do) leaves the caches alone.
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0)
        {
            Committed(eventData.Context, Saved(eventData.Context));
        }
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (result > 0)
        {
            await CommittedAsync(eventData.Context, Saved(eventData.Context), cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is TiduDbContext tidu)
        {
            tidu.Writes.Saving = null;
        }
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context, Ended(eventData.Context));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        CommittedAsync(eventData.Context, Ended(eventData.Context), cancellationToken).AsTask();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Classify(DbContext? context)
    {
        if (context is TiduDbContext tidu)
        {
            // Kept for the transaction at once: a save without an outer transaction commits its own before SavedChanges.
            tidu.Writes.Saving = WrittenRegions.Of(tidu);
            tidu.Writes.Transaction.Add(tidu.Writes.Saving);
        }
    }

    /// <summary>What the save just completed wrote (kept for its outer transaction's commit, if there is one).</summary>
    private static WrittenRegions? Saved(DbContext? context)
    {
        if (context is not TiduDbContext tidu || tidu.Writes.Saving is not { } saved)
        {
            return null;
        }
        tidu.Writes.Saving = null;
        if (tidu.Database.CurrentTransaction is null)
        {
            tidu.Writes.Transaction.Clear();
        }
        return saved;
    }

    /// <summary>What the ending transaction wrote, as far as it was recorded; forgotten either way.</summary>
    private static WrittenRegions? Ended(DbContext? context)
    {
        if (context is not TiduDbContext tidu)
        {
            return null;
        }
        var written = new WrittenRegions();
        written.Add(tidu.Writes.Transaction);
        tidu.Writes.Transaction.Clear();
        return written.Any ? written : null;
    }

    // The synchronous paths (none in the platform's own code) tell a shared generation without waiting: blocking on a
    // remote call inside a save could stall a grain's turn. The shared generation keeps a failed advance pending.
    private static void Committed(DbContext? context, WrittenRegions? written)
    {
        Advance(written);
        if (Shared(context) is { } shared)
        {
            _ = shared.AdvanceAsync(CancellationToken.None).AsTask();
        }
    }

    private static ValueTask CommittedAsync(DbContext? context, WrittenRegions? written, CancellationToken ct)
    {
        Advance(written);
        return Shared(context) is { } shared ? shared.AdvanceAsync(ct) : ValueTask.CompletedTask;
    }

    private static void Advance(WrittenRegions? written)
    {
        if (written is null)
        {
            CommittedWrites.Advance();
        }
        else
        {
            CommittedWrites.Advance(written);
        }
    }

    /// <summary>The host's generation when it is not this process's own counter (contexts built outside DI have none).</summary>
    private static IWriteGeneration? Shared(DbContext? context)
    {
        var services = context?.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        var generation = services?.GetService<IWriteGeneration>();
        return generation is LocalWriteGeneration ? null : generation;
    }
}

/// <summary>What a context's current save and open transaction wrote (see <see cref="CommittedWritesInterceptor"/>).</summary>
public sealed class PendingWrites
{
    internal WrittenRegions? Saving { get; set; }

    /// <summary>The writes of the open transaction so far; a writer that bypasses change tracking adds its regions here.</summary>
    public WrittenRegions Transaction { get; } = new();
}
