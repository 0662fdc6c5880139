using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Tidu.Application;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Policies;

namespace Tidu.Web.Pages.Enterprises;

/// <summary>
/// One enterprise's file (一企一档): data, every tier with every check and its citation, the gap, and the change
/// history. Another region's enterprise is "not found": the database never returns it to this user.
/// </summary>
public sealed class DetailModel(EnterpriseRegistry registry, Evaluator evaluator, GapAnalyzer gaps, AwardCalculator awards, TiduDbContext db, RegionTree tree,
    TimeProvider clock, IMemoryCache cache) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public EnterpriseEvaluation Evaluation { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    /// <summary>Gap per tier not met, verified by re-evaluation before it is shown.</summary>
    public IReadOnlyDictionary<string, GapResult> Gaps { get; private set; } = new Dictionary<string, GapResult>();

    /// <summary>What the file can claim today under the policy rule files (the same as GET /api/v1/enterprises/{code}/awards).</summary>
    public EnterpriseAwards Awards { get; private set; } = null!;
    public string RegionName => tree.Find(Enterprise.RegionCode)?.Name ?? Enterprise.RegionCode;

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e || ProfileMapping.ToProfile(e).Profile is not { } profile)
        {
            return NotFound();
        }
        Enterprise = e;
        // The full explanation, the verified gap search and the awards are the costly part of the page (tens of ms);
        // they depend only on the file and the date, so they are kept for ten minutes per (file revision, date).
        var today = ChinaCalendar.Today(clock);
        (Evaluation, Gaps, Awards) = await cache.GetOrCreateAsync((nameof(DetailModel), e.CreditCode, e.Revision, today), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            var evaluation = evaluator.Evaluate(profile, today, EvaluationDetail.Full);
            IReadOnlyDictionary<string, GapResult> byTier = gaps.FailedTiers(profile, today).ToDictionary(g => g.Tier, StringComparer.Ordinal);
            // Projects are not stored by the platform, so project-based clauses are not listed (the page says so).
            return Task.FromResult((evaluation, byTier, awards.Match(profile, today, [], evaluation)));
        }).ConfigureAwait(false);
        // Need to know: the history shows what the access matrix lets this reader see (no reviewers for the applicant).
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.CreditCode == e.CreditCode)
            .Visible(AccessMatrix.History(AccessMatrix.KindOf(User)))
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
