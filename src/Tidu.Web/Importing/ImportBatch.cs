using Tidu.Domain.Profiles;

namespace Tidu.Web.Importing;

/// <summary>A validated upload: the merged profiles ready to save, which rows they came from, and every problem found.</summary>
public sealed record ImportBatch(int Rows, IReadOnlyList<ImportedProfile> Profiles, IReadOnlyList<ImportIssue> Issues)
{
    public int BadRows => Issues.Select(i => i.Row).Distinct().Count();
}

/// <summary>One enterprise's merged profile and the input rows that built it.</summary>
public sealed record ImportedProfile(EnterpriseProfile Profile, IReadOnlyList<long> Rows);
