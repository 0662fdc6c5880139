using Tidu.Domain.Profiles;

namespace Tidu.Web.Importing;

/// <summary>A validated upload: the merged profiles ready to save, which rows they came from, and the problems found.</summary>
public sealed record ImportBatch(int Rows, IReadOnlyList<ImportedProfile> Profiles, IssueLog Log)
{
    public int BadRows => Log.BadRows;

    /// <summary>The problems kept for the report (the first ones in row order; <see cref="IssueLog.Count"/> says how many there were).</summary>
    public IReadOnlyList<ImportIssue> Issues => Log.Kept;
}

/// <summary>One enterprise's merged profile and the input rows that built it.</summary>
public sealed record ImportedProfile(EnterpriseProfile Profile, IReadOnlyList<long> Rows);
