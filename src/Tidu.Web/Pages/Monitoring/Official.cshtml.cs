using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Auditing;
using Tidu.Data.Entities.Monitoring;
using Tidu.Data.Identity;
using Tidu.Web.Monitoring;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Monitoring;

/// <summary>
/// The province's published recognition counts: the batches imported so far (document, counts, who imported them) and
/// the import of a newly published batch from a CSV or XLSX (the template below). Province officers import for their
/// province; the counts feed the monitoring charts.
/// </summary>
[Authorize(Roles = Roles.ProvinceOfficer)]
public sealed class OfficialModel(OfficialCounts official, Offices offices) : PageModel
{
    public sealed record Batch(string Tier, int Year, string Name, string Kind, int Cities, int Total, string Documents, string ImportedBy, DateTimeOffset ImportedAt);

    public IReadOnlyList<Batch> Batches { get; private set; } = [];
    public OfficialCounts.Outcome? Result { get; private set; }

    private string Province => User.FindFirst(TiduClaims.RegionCode)?.Value ?? "";

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            Result = new OfficialCounts.Outcome(0, 0, 0, [new OfficialCounts.Issue(0, "请选择要导入的文件。")]);
        }
        else
        {
            await using var content = upload.OpenReadStream();
            Result = await official.ImportAsync(content, upload.FileName, Province, ct).ConfigureAwait(false);
        }
        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    /// <summary>The template: the header row and one example row (UTF-8 with a BOM, as Excel saves "CSV UTF-8").</summary>
    public IActionResult OnGetTemplate()
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', OfficialCounts.Headers));
        csv.AppendLine("专精特新中小企业,2025,第二批,认定,杭州市,330100,300,浙经信企业〔2026〕4号");
        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", "official-recognition-counts-template.csv");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var who = await offices.NamesAsync(ct).ConfigureAwait(false);
        Batches = [.. (await official.ListAsync(Province, ct).ConfigureAwait(false))
            .GroupBy(c => (c.Tier, c.Year, c.Batch, c.Kind))
            .OrderByDescending(g => g.Key.Year).ThenByDescending(g => g.Min(c => c.Id))
            .Select(g => new Batch(g.Key.Tier, g.Key.Year, g.Key.Batch, g.Key.Kind, g.Count(), g.Sum(c => c.Count),
                string.Join("、", g.Select(c => c.Document ?? "未注明文号").Distinct()), who(g.MaxBy(c => c.ImportedAt)!.ImportedBy), g.Max(c => c.ImportedAt)))];
    }
}
