namespace Tidu.Data.Entities.Importing;

/// <summary>
/// An upload being checked or saved, kept in the database (not in a process's memory): any node of the platform can
/// pick it up, continue it after a restart, and show its report. Only its owner sees it. An operational record — the
/// files it writes are audited, the job's own progress is not.
/// </summary>
public sealed class ImportJobRecord
{
    public Guid Id { get; set; }

    /// <summary>Who uploaded it (user name, or "api-key:…"); nobody else can see or commit it.</summary>
    public required string Owner { get; set; }

    /// <summary>The owner's scope when they uploaded: everything, or this region (the job acts in it).</summary>
    public bool ScopeAll { get; set; }

    public string? ScopeRegionCode { get; set; }

    public required string FileName { get; set; }

    /// <summary>csv, xlsx or json.</summary>
    public required string Format { get; set; }

    /// <summary>Queued, Validating, Validated, CommitQueued, Committing, Committed or Failed.</summary>
    public required string State { get; set; }

    /// <summary>Rows (checking) or files (saving) done, of <see cref="Total"/>.</summary>
    public int Done { get; set; }

    public int Total { get; set; }

    public int Rows { get; set; }
    public int ValidProfiles { get; set; }
    public int BadRows { get; set; }

    /// <summary>All problems found; at most the configured number are kept as <see cref="ImportJobIssue"/> rows.</summary>
    public int IssueCount { get; set; }

    public int? Created { get; set; }
    public int? Updated { get; set; }
    public int? Unchanged { get; set; }

    /// <summary>A failure the user can read (Chinese, no exception text); the details are in the log.</summary>
    public string? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The node working on it now and until when (Unix milliseconds): a lease another node takes over once it has run out.</summary>
    public string? LeaseOwner { get; set; }

    public long LeaseExpires { get; set; }

    /// <summary>Unix milliseconds of creation: jobs older than the retention are removed, with their upload and report.</summary>
    public long CreatedMs { get; set; }
}

/// <summary>The uploaded file of a job, apart from the job so that reading a job's progress does not read the file.</summary>
public sealed class ImportJobContent
{
    public Guid JobId { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>One problem of an import's report, in row order (the report shows them page by page).</summary>
public sealed class ImportJobIssue
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public int Ordinal { get; set; }
    public long Row { get; set; }
    public required string Column { get; set; }
    public required string ReasonZh { get; set; }
    public required string ReasonEn { get; set; }
}
