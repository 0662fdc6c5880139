using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Web.Auditing;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Audit;

/// <summary>The audit administrator's page: search the trail, export what was found (itself a security event), check the chain.</summary>
public sealed class IndexModel(AuditSearch search, TiduDbContext db, SecurityLog log, TimeProvider clock, AuditHashing hashing,
    Microsoft.Extensions.Options.IOptions<AuditOptions> options, IHostEnvironment host) : PageModel
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
        var (content, rows, truncated) = await search.ExportAsync(Filter, kind, ct).ConfigureAwait(false);
        // The export is recorded with its filter and size: who took which part of the trail, when, from where.
        await log.RecordAsync(SecurityEvents.AuditExported, "audit", details: new JsonObject
        {
            ["format"] = kind,
            ["rows"] = rows,
            ["truncated"] = truncated,
            ["filter"] = $"from={From:yyyy-MM-dd};to={To:yyyy-MM-dd};actor={Actor};action={Action};entity={Entity};key={Key};outcome={Outcome}",
        }, ct: ct).ConfigureAwait(false);
        var stamp = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return kind == "xlsx"
            ? File(content, Exporting.EnterpriseExport.ContentType, $"audit-{stamp}.xlsx")
            : File(content, "text/csv; charset=utf-8", $"audit-{stamp}.csv");
    }

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        var (anchors, problems) = AuditSetup.NodeAnchors(options.Value, host.ContentRootPath);
        var report = await AuditChainVerifier.VerifyAsync(db, hashing, anchors, ct).ConfigureAwait(false);
        VerificationIntact = report.Intact && problems.Count == 0;
        Verification = !report.Intact ? $"审计链已被破坏：前 {report.Verified} 条完整，第一处异常：{report.FirstBreak}"
            : problems.Count > 0 ? $"审计链锚点文件有误：{string.Join("；", problems)}"
            : $"审计链完整：已校验 {report.Verified} 条，链头序号 {report.HeadSequence}，链头摘要 {report.HeadHash}，与 {report.Anchors} 个库外锚点一致。";
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
