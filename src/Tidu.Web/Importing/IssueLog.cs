namespace Tidu.Web.Importing;

/// <summary>
/// The problems of one import, bounded: every problem is counted (and its row marked bad), but only the first
/// <c>keep</c> in row order are kept to be stored and shown — a hostile file of a million bad rows makes a count, not
/// a million-line report. Reasons are cut to the report's column size.
/// </summary>
public sealed class IssueLog(int keep)
{
    /// <summary>The longest reason kept (the report column's size).</summary>
    public const int MaxReasonLength = 500;

    private readonly List<ImportIssue> _kept = [];
    private readonly HashSet<long> _badRows = [];

    /// <summary>Every problem found, kept or not.</summary>
    public int Count { get; private set; }

    public int BadRows => _badRows.Count;

    public bool HasRow(long row) => _badRows.Contains(row);

    public void Add(ImportIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        Count++;
        _badRows.Add(issue.Row);
        _kept.Add(issue with { ReasonZh = Cut(issue.ReasonZh), ReasonEn = Cut(issue.ReasonEn), Column = issue.Column.Length > 200 ? issue.Column[..200] : issue.Column });
        if (_kept.Count >= 2 * Math.Max(keep, 1))
        {
            Trim();
        }
    }

    /// <summary>The first kept problems in row order.</summary>
    public IReadOnlyList<ImportIssue> Kept
    {
        get
        {
            Trim();
            return _kept;
        }
    }

    private void Trim()
    {
        var ordered = _kept.OrderBy(i => i.Row).Take(keep).ToList();
        _kept.Clear();
        _kept.AddRange(ordered);
    }

    private static string Cut(string text) => text.Length <= MaxReasonLength ? text : text[..(MaxReasonLength - 1)] + "…";
}
