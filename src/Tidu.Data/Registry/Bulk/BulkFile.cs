using Tidu.Data.Entities;

namespace Tidu.Data.Registry.Bulk;

/// <summary>
/// One enterprise file of a bulk batch after merging: the entity as it is to be stored (for a stored file, the loaded
/// rows with the input applied), and what the store has to write for it.
/// </summary>
internal sealed class BulkFile
{
    public required Enterprise Entity { get; init; }

    /// <summary>Not stored yet: its id is assigned by the store.</summary>
    public bool IsNew { get; init; }

    /// <summary>The file's data changed (or it is new): its columns, years, honours and recognitions are written and audited.</summary>
    public bool Changed { get; set; }

    /// <summary>A new evaluation was stored on the entity: its summary and tier outcomes are written.</summary>
    public bool Evaluated { get; set; }

    /// <summary>The revision the file had when it was loaded: the write applies only over that revision (optimistic concurrency).</summary>
    public int LoadedRevision { get; init; }

    /// <summary>A stored file's county, city and province as loaded (a file the input moves leaves counts behind there).</summary>
    public (string Region, string? City, string Province)? LoadedRegion { get; init; }

    /// <summary>Honours and recognitions (database ids) the input no longer holds.</summary>
    public List<long> RemovedHonors { get; } = [];

    public List<long> RemovedRecognitions { get; } = [];

    /// <summary>The stored file's exchange-format JSON after the merge (hashed into the batch's audit entry).</summary>
    public byte[]? Json { get; set; }
}
