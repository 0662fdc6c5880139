using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Tidu.Application.Auditing;
using Tidu.Application.Dynamic;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Registry;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Policies;

namespace Tidu.Application.Screening;

/// <summary>A recognition as the file holds it on a day: its status then and the first day of its re-review notice period.</summary>
public sealed record HeldRecognition(long Id, string Tier, DateOnly RecognizedOn, DateOnly? ValidUntil, string? Issuer, string Status, DateOnly? ReReviewFrom);

/// <summary>One entry of a file's history as a reader may see it, with the office (never the login) that made it.</summary>
public sealed record FileHistoryEntry(AuditEntry Entry, string Office);

/// <summary>
/// One enterprise's file (一企一档) on a day, in two separate facts: what the file holds (its recognitions with their
/// status) and what its data would earn that day (the full evaluation, the verified gap per tier not met, and what it
/// can claim under the policy rule files, projects aside: the platform stores none).
/// </summary>
public sealed record EnterpriseFile(Enterprise Enterprise, EnterpriseProfile Profile, DateOnly Today, EnterpriseEvaluation Evaluation,
    IReadOnlyDictionary<string, GapResult> Gaps, EnterpriseAwards Awards, IReadOnlyList<HeldRecognition> Held);

/// <summary>
/// Reading one enterprise's file and its history, for the file page and the API alike. The file must be in the reader's
/// scope (another region's is "not found"); which history entries the reader sees is the access matrix's
/// (<see cref="AccessMatrix.History"/>): no reviewers for the applicant, nothing beyond the file for a commissioner.
/// </summary>
public sealed class EnterpriseFiles(EnterpriseRegistry registry, Evaluator evaluator, GapAnalyzer gaps, AwardCalculator awards, TiduDbContext db, TimeProvider clock,
    IMemoryCache cache, IOptions<DynamicManagementOptions> dynamic, Offices offices, IActorSource actors)
{
    public const int DefaultHistory = 200;
    public const int MaxHistory = 1000;

    /// <summary>The file with today's evaluation, gaps, awards and held recognitions.</summary>
    public async Task<Outcome<EnterpriseFile>> ReadAsync(string creditCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e || ProfileMapping.ToProfile(e).Profile is not { } profile)
        {
            return Workflow.WorkflowProblems.EnterpriseNotFound(creditCode);
        }
        // The full explanation, the verified gap search and the awards are the costly part (tens of ms); they depend only
        // on the file and the date, so they are kept for ten minutes per (file revision, date).
        var today = ChinaCalendar.Today(clock);
        var (evaluation, byTier, claimable) = await cache.GetOrCreateAsync((nameof(EnterpriseFiles), e.CreditCode, e.Revision, today), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            var evaluation = evaluator.Evaluate(profile, today, EvaluationDetail.Full);
            IReadOnlyDictionary<string, GapResult> byTier = gaps.FailedTiers(profile, today).ToDictionary(g => g.Tier, StringComparer.Ordinal);
            return Task.FromResult((evaluation, byTier, awards.Match(profile, today, [], evaluation)));
        }).ConfigureAwait(false);
        var lead = dynamic.Value.ReReviewNoticeLeadDays;
        var revoked = (await db.RecognitionReviews.AsNoTracking()
            .Where(v => v.EnterpriseId == e.Id && v.Decision == RecognitionDecisions.Revoke)
            .Select(v => v.RecognitionId).ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
        IReadOnlyList<HeldRecognition> held = [.. e.Recognitions.OrderByDescending(r => r.RecognizedOn).Select(r => new HeldRecognition(
            r.Id, r.Tier, r.RecognizedOn, r.ValidUntil, r.Issuer,
            RecognitionStatus.Of(r.RecognizedOn, r.ValidUntil, revoked.Contains(r.Id), today, lead),
            r.ValidUntil is { } last ? RecognitionStatus.NoticeDay(last, lead) : null))];
        return new EnterpriseFile(e, profile, today, evaluation, byTier, claimable, held);
    }

    /// <summary>
    /// The file's history, newest first, at most <paramref name="take"/> entries (1 to <see cref="MaxHistory"/>), as far as the
    /// reader may see it, each with the office that made it.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<FileHistoryEntry>>> HistoryAsync(string creditCode, int? take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        // The file must be visible in the reader's scope; the audit table itself is not region-filtered.
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return Workflow.WorkflowProblems.EnterpriseNotFound(creditCode);
        }
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.CreditCode == e.CreditCode)
            .Visible(AccessMatrix.History(actors.Current.Kind))
            .OrderByDescending(a => a.Id).Take(Math.Clamp(take ?? DefaultHistory, 1, MaxHistory)).ToListAsync(ct).ConfigureAwait(false);
        var who = await offices.NamesAsync(ct).ConfigureAwait(false);
        return new Outcome<IReadOnlyList<FileHistoryEntry>>([.. entries.Select(a => new FileHistoryEntry(a, who(a.Actor)))], null);
    }
}
