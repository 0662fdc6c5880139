namespace Tidu.Web.Importing;

public enum ImportJobState
{
    Queued,
    Validating,
    Validated,
    CommitQueued,
    Committing,
    Committed,
    Failed,
}

/// <summary>
/// An import as its owner reads it: progress, counts, one page of the report (the problems kept, in row order) and,
/// once saved, what was created, updated and left unchanged.
/// </summary>
public sealed record ImportJobView(
    Guid Id,
    string FileName,
    ImportJobState State,
    int Done,
    int Total,
    int Rows,
    int ValidProfiles,
    int BadRows,
    int IssueCount,
    int IssuesKept,
    int Page,
    int Pages,
    IReadOnlyList<ImportIssue> Issues,
    int? Created,
    int? Updated,
    int? Unchanged,
    string? Failure)
{
    public bool Running => State is ImportJobState.Queued or ImportJobState.Validating or ImportJobState.CommitQueued or ImportJobState.Committing;

    public bool CanCommit => State == ImportJobState.Validated && ValidProfiles > 0;
}
