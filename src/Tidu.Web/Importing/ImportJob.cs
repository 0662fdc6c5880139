using Tidu.Data.Registry;
using Tidu.Data.Scoping;

namespace Tidu.Web.Importing;

/// <summary>An upload being validated or committed in the background; the page polls it for progress.</summary>
public sealed class ImportJob(Guid id, string owner, RegionScope scope, string fileName, ProfileImporter.Format format, byte[] content)
{
    public Guid Id { get; } = id;

    /// <summary>The user who uploaded it; nobody else can see or commit it.</summary>
    public string Owner { get; } = owner;

    public RegionScope Scope { get; } = scope;
    public string FileName { get; } = fileName;
    public ProfileImporter.Format Format { get; } = format;
    internal byte[]? Content { get; set; } = content;

    public ImportJobState State { get; internal set; } = ImportJobState.Queued;

    /// <summary>Rows (validating) or enterprises (committing) done, of <see cref="Total"/>.</summary>
    public int Done { get; internal set; }

    public int Total { get; internal set; }
    public ImportBatch? Batch { get; internal set; }
    public UpsertResult? Result { get; internal set; }

    /// <summary>A failure the user can read (Chinese); details are in the log.</summary>
    public string? Failure { get; internal set; }

    public bool CommitRequested { get; internal set; }
}

public enum ImportJobState
{
    Queued,
    Validating,
    Validated,
    Committing,
    Committed,
    Failed,
}
