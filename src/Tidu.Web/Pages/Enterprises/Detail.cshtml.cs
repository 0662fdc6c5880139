using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Tidu.Application;
using Tidu.Application.Dynamic;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Domain.Display;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Policies;
using Tidu.Web.Display;

namespace Tidu.Web.Pages.Enterprises;

/// <summary>
/// One enterprise's file (一企一档), in two separate facts: what the file holds (its recognitions, each with its
/// validity and re-review period) and what today's data would earn (every tier with every check, its citation and the
/// gap); then what it can claim and the change history. Another region's enterprise is "not found": the database
/// never returns it to this user.
/// </summary>
public sealed class DetailModel(EnterpriseRegistry registry, Evaluator evaluator, GapAnalyzer gaps, AwardCalculator awards, TiduDbContext db, RegionTree tree,
    TimeProvider clock, IMemoryCache cache, Offices offices, IOptions<DynamicManagementOptions> dynamic) : PageModel
{
    /// <summary>A recognition as the file holds it on today's date.</summary>
    public sealed record HeldRecognition(string Tier, DateOnly RecognizedOn, DateOnly? ValidUntil, string Issuer, string Status, DateOnly? ReReviewFrom);

    /// <summary>One line of the change history, in Chinese: when, which office or job, what.</summary>
    public sealed record HistoryLine(DateTimeOffset At, string Who, string What, string RuleVersions);

    public Enterprise Enterprise { get; private set; } = null!;
    public EnterpriseEvaluation Evaluation { get; private set; } = null!;
    public IReadOnlyList<HeldRecognition> Held { get; private set; } = [];
    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    /// <summary>Gap per tier not met, verified by re-evaluation before it is shown.</summary>
    public IReadOnlyDictionary<string, GapResult> Gaps { get; private set; } = new Dictionary<string, GapResult>();

    /// <summary>What the file can claim today under the policy rule files (the same as GET /api/v1/enterprises/{code}/awards).</summary>
    public EnterpriseAwards Awards { get; private set; } = null!;

    /// <summary>The fiscal year of each financials entry, so a missing figure reads "2025年 研发费用".</summary>
    public Func<int, int?> YearAt { get; private set; } = _ => null;

    public string RegionName => tree.Find(Enterprise.RegionCode)?.Name ?? Enterprise.RegionCode;

    /// <summary>The enterprise's own user: may correct its declared data and see its own materials.</summary>
    public bool IsOwnFile => User.IsInRole(Roles.Enterprise);

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e || ProfileMapping.ToProfile(e).Profile is not { } profile)
        {
            return NotFound();
        }
        Enterprise = e;
        YearAt = FieldNames.YearsOf(profile);
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
        var lead = dynamic.Value.ReReviewNoticeLeadDays;
        var revoked = (await db.RecognitionReviews.AsNoTracking()
            .Where(v => v.EnterpriseId == e.Id && v.Decision == RecognitionDecisions.Revoke)
            .Select(v => v.RecognitionId).ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
        Held = [.. e.Recognitions.OrderByDescending(r => r.RecognizedOn).Select(r => new HeldRecognition(
            r.Tier, r.RecognizedOn, r.ValidUntil, IssuerName(r.Issuer),
            RecognitionStatus.Of(r.RecognizedOn, r.ValidUntil, revoked.Contains(r.Id), today, lead),
            r.ValidUntil is { } last ? RecognitionStatus.NoticeDay(last, lead) : null))];
        var who = await offices.NamesAsync(ct).ConfigureAwait(false);
        // Need to know: the history shows what the access matrix lets this reader see (no reviewers for the applicant).
        History = [.. (await db.AuditEntries.AsNoTracking()
            .Where(a => a.CreditCode == e.CreditCode)
            .Visible(AccessMatrix.History(AccessMatrix.KindOf(User)))
            .OrderByDescending(a => a.Id).Take(50)
            .ToListAsync(ct).ConfigureAwait(false))
            .Select(a => new HistoryLine(a.At, who(a.Actor), $"{AuditNames.Action(a.Action)} {AuditNames.Subject(a.Entity, a.EntityKey)}",
                DisplayNames.RuleVersions(a.RuleSetVersion, code => tree.Find(code)?.Name)))];
        return Page();
    }

    /// <summary>The recognising authority: a region code or "national" in files, a name on the page.</summary>
    private string IssuerName(string? issuer) => issuer switch
    {
        null or "" => "—",
        "national" => "工业和信息化部",
        _ => tree.Find(issuer)?.Name ?? issuer,
    };

    public static string Show(object? value) => value switch
    {
        System.Text.Json.Nodes.JsonNode n => ValueText.Of(n),
        _ => DisplayNames.Value(value),
    };

    public static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
