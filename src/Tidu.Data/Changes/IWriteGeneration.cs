namespace Tidu.Data.Changes;

/// <summary>
/// Which writes a cached answer has seen. Two stamps are equal only if no write was committed between them, as far as
/// the generation knows: this process's writes (<see cref="LocalWriteGeneration"/>), or every node's writes in a
/// cluster (Tidu.Cluster). <see cref="Incarnation"/> changes when the keeper of the count starts afresh (a cluster
/// grain re-activated after its silo died), so a stamp from before can never be mistaken for one after.
/// </summary>
public readonly record struct WriteStamp(Guid Incarnation, long Count);

/// <summary>The write generation that caches of database answers key their entries by.</summary>
public interface IWriteGeneration
{
    /// <summary>Read before computing a cached value, so a write that lands during the computation retires it.</summary>
    ValueTask<WriteStamp> CurrentAsync(CancellationToken ct = default);

    /// <summary>Called after a write was committed (the database interceptor does this for every context in DI).</summary>
    ValueTask AdvanceAsync(CancellationToken ct = default);
}

/// <summary>
/// One process on its own (the embedded default, the CLI): the process's <see cref="CommittedWrites.Generation"/>, moved
/// on by every write that is not of enterprise files alone (those move their regions' counters, which caches of counts
/// add to their keys).
/// </summary>
public sealed class LocalWriteGeneration : IWriteGeneration
{
    public ValueTask<WriteStamp> CurrentAsync(CancellationToken ct = default) => ValueTask.FromResult(new WriteStamp(Guid.Empty, CommittedWrites.Generation));

    // The interceptor has already moved the process's counter on; nothing else to tell.
    public ValueTask AdvanceAsync(CancellationToken ct = default) => ValueTask.CompletedTask;
}
