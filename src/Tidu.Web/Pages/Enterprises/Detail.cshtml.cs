using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;

namespace Tidu.Web.Pages.Enterprises;

/// <summary>
/// One enterprise's file (一企一档): data, every tier with every check and its citation, the gap, and the change
/// history. Another region's enterprise is "not found": the database never returns it to this user.
/// </summary>
public sealed class DetailModel(EnterpriseRegistry registry, Evaluator evaluator, GapAnalyzer gaps, TiduDbContext db, RegionTree tree, TimeProvider clock) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public EnterpriseEvaluation Evaluation { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    /// <summary>Gap per tier not met, verified by re-evaluation before it is shown.</summary>
    public IReadOnlyDictionary<string, GapResult> Gaps { get; private set; } = new Dictionary<string, GapResult>();
    public string RegionName => tree.Find(Enterprise.RegionCode)?.Name ?? Enterprise.RegionCode;

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        var found = await registry.LoadAsync([creditCode.ToUpperInvariant()], ct).ConfigureAwait(false);
        if (found.Values.SingleOrDefault() is not { } e || ProfileMapping.ToProfile(e).Profile is not { } profile)
        {
            return NotFound();
        }
        Enterprise = e;
        Evaluation = evaluator.Evaluate(profile, ChinaCalendar.Today(clock), EvaluationDetail.Full);
        Gaps = gaps.FailedTiers(profile, Evaluation.AsOf).ToDictionary(g => g.Tier, StringComparer.Ordinal);
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.CreditCode == e.CreditCode)
            .OrderByDescending(a => a.Id).Take(50)
            .ToListAsync(ct).ConfigureAwait(false);
        return Page();
    }

    public static string Show(object? value) => value switch
    {
        System.Text.Json.Nodes.JsonNode n => n.ToJsonString(),
        null => "—",
        bool b => b ? "是" : "否",
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
