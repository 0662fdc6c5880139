namespace Tidu.Web.Monitoring.Report;

/// <summary>
/// One section of the printable monthly report (/Monitoring/Report). The page renders every registered section in
/// <see cref="Order"/>, each with its own partial view: a new section is one class, one partial (or the shared
/// table partial) and one line in <see cref="MonthlyReportServices"/>. Counts run under the user's region scope.
/// </summary>
public interface IMonthlyReportSection
{
    /// <summary>Place in the report (10, 20, …; leave gaps for sections to come).</summary>
    int Order { get; }

    Task<ReportSection> BuildAsync(MonthlyReportPeriod period, CancellationToken ct);
}

/// <summary>
/// A built section: its anchor id, Chinese title, the partial view that renders it and that view's model.
/// <see cref="Tables"/> makes a section of chart tables rendered by the shared partial.
/// </summary>
public sealed record ReportSection(string Id, string Title, string Partial, object Model, string? Note = null)
{
    /// <summary>The partial that renders a list of <see cref="ChartData"/> as tables (no chart is drawn in print).</summary>
    public const string TablesPartial = "_ReportTables";

    public static ReportSection Tables(string id, string title, IReadOnlyList<ChartData> tables, string? note = null) =>
        new(id, title, TablesPartial, tables, note);
}
