using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Auditing;

namespace Tidu.Web.Pages.Audit;

/// <summary>
/// The audit administrator's page: search the trail, export what was found (itself a security event: <see cref="AuditSearch"/>),
/// check the chain (<see cref="AuditChainCheck"/>, as GET /api/v1/audit/verify).
/// </summary>
public sealed class IndexModel(AuditSearch search, AuditChainCheck chain) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public long? NextBefore { get; private set; }
    public string? Verification { get; private set; }
    public bool VerificationIntact { get; private set; }
    public string? Message { get; private set; }

    private AuditFilter Filter => new(From, To, Actor, Action, Entity, Key, Outcome);

    public async Task OnGetAsync(long? before, CancellationToken ct)
    {
        Rows = await search.PageAsync(Filter, before, ct).ConfigureAwait(false);
        NextBefore = Rows.Count == AuditSearch.PageSize ? Rows[^1].Id : null;
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var kind = format == "xlsx" ? "xlsx" : "csv";
        var export = await search.ExportAsync(Filter, kind, ct).ConfigureAwait(false);
        var content = await Auditing.AuditExportFile.WriteAsync(export.Rows, kind, ct).ConfigureAwait(false);
        var stamp = export.TakenAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return kind == "xlsx"
            ? File(content, Exporting.EnterpriseExport.ContentType, $"audit-{stamp}.xlsx")
            : File(content, "text/csv; charset=utf-8", $"audit-{stamp}.csv");
    }

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        var report = await chain.VerifyAsync(ct).ConfigureAwait(false);
        VerificationIntact = report.Intact;
        Verification = report.SentenceZh();
        await OnGetAsync(null, ct).ConfigureAwait(false);
    }

    public string ExportUrl(string format) => Url.Page("/Audit/Index", "Export", Query(new() { ["format"] = format })) ?? "";

    public string PageUrl(long before) => Url.Page("/Audit/Index", null, Query(new() { ["before"] = before.ToString(CultureInfo.InvariantCulture) })) ?? "";

    private Dictionary<string, string?> Query(Dictionary<string, string?> extra)
    {
        var q = new Dictionary<string, string?>(extra)
        {
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["actor"] = Actor,
            ["action"] = Action,
            ["entity"] = Entity,
            ["key"] = Key,
            ["outcome"] = Outcome,
        };
        return q.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value);
    }
}
