using Tidu.Data.Entities;

namespace Tidu.Data.Scoping;

/// <summary>Which entries of a file's audit history an actor is shown.</summary>
public enum HistoryView
{
    None,

    /// <summary>Changes to the file itself (its data, years, recognitions, honours, consents).</summary>
    FileOnly,

    /// <summary>Everything but who was assigned to review and what each expert declared or scored.</summary>
    WithoutReviewers,
    Everything,
}

/// <summary>
/// The history entries a <see cref="HistoryView"/> shows, as a database query. Which view an actor gets is the access
/// matrix's answer (in the application layer); this is only the query that applies it.
/// </summary>
public static class AuditHistory
{
    /// <summary>The entities whose changes are "the file itself" for <see cref="HistoryView.FileOnly"/>.</summary>
    public static IReadOnlyList<string> FileEntities { get; } =
        [nameof(Enterprise), nameof(EnterpriseFinancialYear), nameof(EnterpriseRecognition), nameof(EnterpriseHonor), nameof(Entities.Sharing.SharingConsent)];

    /// <summary>The history entries <paramref name="view"/> shows, as a query (both providers translate the text tests).</summary>
    public static IQueryable<AuditEntry> Visible(this IQueryable<AuditEntry> entries, HistoryView view)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var file = FileEntities.ToList();
        return view switch
        {
            HistoryView.Everything => entries,
            HistoryView.WithoutReviewers => entries.Where(a => a.Entity != nameof(Entities.Workflow.ExpertAssignment)
                && !(a.Entity == nameof(Entities.Workflow.ApplicationDecision)
                    && a.After != null && (a.After.Contains("\"Level\":\"expert\"") || a.After.Contains("\"Decision\":\"assign-expert\"")))),
            HistoryView.FileOnly => entries.Where(a => file.Contains(a.Entity)),
            _ => entries.Where(a => false),
        };
    }
}
