namespace Tidu.Data.Registry.Bulk;

/// <summary>Writes a batch's files inside the caller's open transaction (the provider's fastest way that keeps it one transaction).</summary>
internal interface IBulkStore
{
    /// <summary>
    /// Writes <paramref name="files"/>: a changed file's columns, every stored year, new honours and recognitions (new
    /// recognitions with <paramref name="recognitionBasis"/>) and removes the ones its input dropped; an evaluated
    /// file's summary and tier outcomes. Throws <see cref="BulkConflictException"/> when a file changed since it was loaded.
    /// </summary>
    Task WriteAsync(IReadOnlyList<BulkFile> files, DateTimeOffset now, string? recognitionBasis, CancellationToken ct);
}

/// <summary>A file changed between loading and writing (another writer): the batch is rolled back and can be loaded again.</summary>
public sealed class BulkConflictException(string message) : Exception(message);
