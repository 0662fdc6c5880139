using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Application.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>An application after a step, with the gap shown to the enterprise when it (re)submitted and did not qualify.</summary>
public sealed record Decided(Application Application, string? GapJson);

/// <summary>
/// Applying (申报) and the review chain, for the API and the pages alike. Region scope is the database's: an officer
/// only finds applications of enterprises in their region (another county's is "not found" and nothing changes).
/// Every decision carries the revision the officer saw; a decision on a stale revision is refused and the first
/// decision stands.
/// </summary>
public sealed class ApplicationService(TiduDbContext db, EnterpriseRegistry registry, Evaluator evaluator, GapAnalyzer gaps, RegionTree regions, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Dynamic.DynamicManagementOptions> dynamic, IActorSource actors)
{
    /// <summary>The longest reason or override a step records (the columns' length on both providers).</summary>
    public const int MaxTextLength = 2000;

    /// <summary>What the enterprise would be shown on applying to <paramref name="round"/> today, without applying.</summary>
    public async Task<Outcome<PreEvaluation>> PreviewAsync(Round round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (db.Scope.CreditCode is not { } creditCode)
        {
            return Forbidden("只有企业用户可以申报", "only an enterprise user applies");
        }
        var today = ChinaCalendar.Today(clock);
        var enterprise = await registry.FindAsync(creditCode, ct).ConfigureAwait(false);
        if (enterprise is null || ProfileMapping.ToProfile(enterprise).Profile is not { } profile)
        {
            return Unprocessable("企业档案不完整，无法申报", $"the file of {creditCode} is missing or invalid");
        }
        return PreEvaluation.Of(profile, today, round.Tier, evaluator, gaps) is { } pre
            ? pre
            : Unprocessable("该层级的评价规则不适用于本企业", $"no rule set of {round.Tier} applies to region {enterprise.RegionCode} on {today:yyyy-MM-dd}");
    }

    public async Task<Outcome<Decided>> SubmitAsync(long roundId, bool declaredTrue, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.ApplyToRound) is { } forbidden)
        {
            return forbidden;
        }
        if (db.Scope.CreditCode is not { } creditCode)
        {
            return Forbidden("只有企业用户可以申报", "only an enterprise user applies", "forbidden.apply-to-round");
        }
        if (!declaredTrue)
        {
            return Unprocessable("请先承诺所填数据真实", "the enterprise must declare its data true to apply", "application.declaration-required");
        }
        var step = Lifecycle.Find(null, Trigger.Submit, actors.Current.Role)!;
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == roundId, ct).ConfigureAwait(false);
        if (round is null)
        {
            return RoundNotFound(roundId);
        }
        var today = ChinaCalendar.Today(clock);
        if (NotOpen(round, today) is { } closed)
        {
            return closed;
        }
        var enterprise = await registry.FindAsync(creditCode, ct).ConfigureAwait(false);
        if (enterprise is null || ProfileMapping.ToProfile(enterprise).Profile is not { } profile)
        {
            return Unprocessable("企业档案不完整，无法申报", $"the file of {creditCode} is missing or invalid");
        }
        if (!regions.IsWithin(enterprise.RegionCode, round.RegionCode))
        {
            return Unprocessable("本企业不在该批次的申报范围内", $"{creditCode} ({enterprise.RegionCode}) is outside round {round.Id}'s region {round.RegionCode}");
        }
        if (await Dynamic.RevocationBar.RefusalAsync(db, enterprise.Id, round.Tier, today, dynamic.Value.RevocationBarCite, ct).ConfigureAwait(false) is { } barred)
        {
            return barred;
        }
        if (await db.Applications.AnyAsync(a => a.RoundId == round.Id && a.EnterpriseId == enterprise.Id, ct).ConfigureAwait(false))
        {
            return Conflict("本企业已在该批次申报过", $"{creditCode} has already applied in round {round.Id}; a returned application is resubmitted");
        }
        if (PreEvaluation.Of(profile, today, round.Tier, evaluator, gaps) is not { } pre)
        {
            return Unprocessable("该层级的评价规则不适用于本企业", $"no rule set of {round.Tier} applies to region {enterprise.RegionCode} on {today:yyyy-MM-dd}");
        }
        var now = clock.GetUtcNow();
        var application = new Application
        {
            RoundId = round.Id,
            Round = round,
            EnterpriseId = enterprise.Id,
            Enterprise = enterprise,
            State = step.To,
            DeclaredTrue = true,
            SubmittedAt = now,
            PreEvaluation = pre.TraceJson,
            PreEvaluationQualified = pre.Qualified,
            PreEvaluationRuleVersion = pre.RuleVersion,
        };
        application.Decisions.Add(Record(application, step.Level, step.Decision, step.To, step.To, now, null));
        db.Applications.Add(application);
        db.ApplicationDeclarations.Add(DeclaredValues.Snapshot(application, enterprise, actors.Current.Name, now));
        db.RuleSetVersion = pre.RuleVersion;
        Notifications.WorkflowNotices.FromPendingDecisions(db);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Decided(application, pre.GapJson);
    }

    public async Task<Outcome<Decided>> ResubmitAsync(long id, int revision, bool declaredTrue, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.ApplyToRound) is { } forbidden)
        {
            return forbidden;
        }
        var application = await LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (!declaredTrue)
        {
            return Unprocessable("请先承诺所填数据真实", "the enterprise must declare its data true to resubmit", "application.declaration-required");
        }
        return await FireAsync(application, Trigger.Resubmit, revision, null, null, async (a, now) =>
        {
            // The corrected file is evaluated again: the reviewers decide on what is on file now.
            var enterprise = await registry.FindAsync(a.Enterprise.CreditCode, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the enterprise of application {a.Id} is not visible in this scope");
            if (ProfileMapping.ToProfile(enterprise).Profile is not { } profile
                || PreEvaluation.Of(profile, ChinaCalendar.Today(clock), a.Round.Tier, evaluator, gaps) is not { } pre)
            {
                return Unprocessable("企业档案不完整或规则不适用，无法重新提交", $"the file of {enterprise.CreditCode} cannot be evaluated for {a.Round.Tier}", "application.not-evaluable");
            }
            a.PreEvaluation = pre.TraceJson;
            a.PreEvaluationQualified = pre.Qualified;
            a.PreEvaluationRuleVersion = pre.RuleVersion;
            a.SubmittedAt = now;
            a.DeclaredTrue = true;
            db.ApplicationDeclarations.Add(DeclaredValues.Snapshot(a, enterprise, actors.Current.Name, now));
            return StepEffect.WithGap(pre.GapJson);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A county, city or province review decision by name (approve, return, reject, recommend: what it means depends on the
    /// officer's level). An approval or recommendation of an application whose reviewers' evaluation does not qualify is
    /// refused unless <paramref name="override"/> says why it goes on regardless.
    /// </summary>
    public async Task<Outcome<Decided>> DecideAsync(long id, string? decision, string? reason, int revision, string? @override, CancellationToken ct)
    {
        var actor = actors.Current;
        if (Access.Require(actor, AccessRight.ReviewApplication) is { } forbidden)
        {
            return forbidden;
        }
        var application = await LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (Lifecycle.DecisionTrigger(actor.Role, decision) is not { } trigger)
        {
            return Unprocessable("该层级不能作出此决定", $"a {Lifecycle.LevelOf(actor.Role)} officer cannot '{decision}': use one of {string.Join(", ", Lifecycle.DecisionsOf(actor.Role))}",
                "application.unknown-decision");
        }
        return await FireAsync(application, trigger, revision, reason, @override, null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Fires <paramref name="trigger"/> on <paramref name="application"/> as the current actor: the lifecycle table must
    /// allow it for the actor's role and the application's state, on the revision the actor saw, with a reason where the
    /// table asks for one, with its guard holding, and with an override where it advances an application that does not
    /// qualify (the procedure is checked before the judgement). <paramref name="effect"/> then changes what the step
    /// changes besides the state (and may still refuse); the step is recorded and saved with its notices, or nothing is saved.
    /// </summary>
    public async Task<Outcome<Decided>> FireAsync(Application application, Trigger trigger, int? revision, string? reason, string? @override,
        Func<Application, DateTimeOffset, Task<StepEffect>>? effect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(application);
        var actor = actors.Current;
        if (!Lifecycle.RoleMayFire(trigger, actor.Role))
        {
            return Forbidden("您的角色不能作出此决定", $"a {actor.Role ?? "caller without a role"} cannot {trigger}", "forbidden.trigger");
        }
        if (revision is { } seen && application.Revision != seen)
        {
            return StaleRevision(seen, application.Revision);
        }
        if (Lifecycle.Find(application.State, trigger, actor.Role) is not { } step)
        {
            return Conflict("该申报当前状态不能作出此决定",
                $"{trigger} by a {actor.Role} needs an application in state {string.Join(" or ", Lifecycle.Table.Where(t => t.Trigger == trigger && t.Role == actor.Role).Select(t => t.From))}; this one is {application.State}",
                "application.state-not-allowed");
        }
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var overriding = string.IsNullOrWhiteSpace(@override) ? null : @override.Trim();
        if (why?.Length > MaxTextLength || overriding?.Length > MaxTextLength)
        {
            return Unprocessable($"理由过长：最多 {MaxTextLength} 个字", $"a reason or override has at most {MaxTextLength} characters", "application.text-too-long");
        }
        if (step.ReasonRequired && why is null)
        {
            return Unprocessable("退回、不予通过、核实和异议必须说明理由", $"'{step.Decision}' needs a reason", "application.reason-required");
        }
        if (await GuardRefusalAsync(application, step.Guard, ct).ConfigureAwait(false) is { } guarded)
        {
            return guarded;
        }
        var againstEvaluation = step.Advances && ReviewerEvaluation.Qualifies(application) == false;
        if (againstEvaluation && overriding is null)
        {
            return Unprocessable("预评价结论为不符合认定标准：如仍要通过或推荐，请填写越过预评价的理由",
                $"the reviewers' evaluation of application {application.Id} does not qualify for {application.Round.Tier}; '{step.Decision}' needs an explicit override with a reason",
                "application.override-required");
        }
        if (!againstEvaluation && overriding is not null)
        {
            // An override is recorded only where it overrides something; one given elsewhere is refused rather than
            // dropped, so nobody believes a justification is on file that is not.
            return Unprocessable("此决定不越过预评价结论，无需也不记录越过理由：请清空该栏",
                $"'{step.Decision}' on application {application.Id} does not go against the reviewers' evaluation; an override applies only to an approval or recommendation of an application that does not qualify",
                "application.override-not-applicable");
        }
        var now = clock.GetUtcNow();
        string? gap = null;
        PreEvaluation? evaluated = null;
        if (effect is not null)
        {
            var result = await effect(application, now).ConfigureAwait(false);
            if (result.Refusal is { } refused)
            {
                return refused;
            }
            gap = result.Gap;
            why = result.Reason ?? why;
            evaluated = result.Evaluation;
        }
        if (step.Guard == Guard.QuotaLeft)
        {
            // The place is taken with the step; the quota is a concurrency token, so two recommendations racing for the last place cannot both save.
            (await QuotaAsync(application, ct).ConfigureAwait(false)).Quota!.Recommended++;
        }
        var recorded = Record(application, step.Level, step.Decision, application.State, step.To, now, why);
        recorded.OverrideReason = overriding;
        if (evaluated is not null)
        {
            // A step that re-evaluates (a verification) is recorded with the evaluation it produced: reviewers decide on it from then.
            recorded.EvaluationTrace = evaluated.TraceJson;
            recorded.RuleVersion = evaluated.RuleVersion;
        }
        db.ApplicationDecisions.Add(recorded);
        application.State = step.To;
        // Every step is a new revision, also one that leaves the state as it was: whoever decided on the old one learns of it.
        db.Entry(application).State = EntityState.Modified;
        return await SaveAsync(application, application.Revision, gap, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// What an effect of a step answers: a refusal, or the gap to show, the reason to record (when the effect writes it) and
    /// the evaluation the step produced (when it re-evaluates the application).
    /// </summary>
    public readonly record struct StepEffect(Refusal? Refusal, string? Gap, string? Reason, PreEvaluation? Evaluation = null)
    {
        public static StepEffect None => default;

#pragma warning disable CA2225 // the named alternate is the constructor itself
        public static implicit operator StepEffect(Refusal refusal) => new(refusal, null, null);
#pragma warning restore CA2225

        public static StepEffect WithGap(string? gap) => new(null, gap, null);

        public static StepEffect WithReason(string reason) => new(null, null, reason);

        public static StepEffect Reevaluated(string reason, PreEvaluation evaluation) => new(null, null, reason, evaluation);
    }

    private async Task<Refusal?> GuardRefusalAsync(Application application, Guard guard, CancellationToken ct)
    {
        switch (guard)
        {
            case Guard.RoundOpen:
                return NotOpen(application.Round, ChinaCalendar.Today(clock));
            case Guard.QuotaLeft:
                return (await QuotaAsync(application, ct).ConfigureAwait(false)).Refusal;
            case Guard.NoExpertReview:
                return await db.RoundExpertReviews.AnyAsync(r => r.RoundId == application.RoundId, ct).ConfigureAwait(false)
                    ? Conflict("该批次设有专家评审：请先指派专家并汇总评审，再作省级审核", $"round {application.RoundId} has expert review: assign experts and conclude it before approving application {application.Id}",
                        "expert-review.required")
                    : null;
            case Guard.ExpertReviewSet:
                return await db.RoundExpertReviews.AnyAsync(r => r.RoundId == application.RoundId, ct).ConfigureAwait(false) ? null
                    : Conflict("该批次未设置专家评审", $"round {application.RoundId} has no expert review; set it with PUT /api/v1/rounds/{application.RoundId}/expert-review", "expert-review.not-set");
            case Guard.ScoresComplete:
            case Guard.ExpertReviewPassed:
                var settings = await db.RoundExpertReviews.AsNoTracking().SingleOrDefaultAsync(r => r.RoundId == application.RoundId, ct).ConfigureAwait(false);
                if (settings is null)
                {
                    return Conflict("该批次未设置专家评审", $"round {application.RoundId} has no expert review", "expert-review.not-set");
                }
                var assignments = await db.ExpertAssignments.AsNoTracking().Where(x => x.ApplicationId == application.Id).ToListAsync(ct).ConfigureAwait(false);
                var outcome = ExpertReviewOutcome.Of(settings, assignments);
                if (guard == Guard.ScoresComplete)
                {
                    return outcome.Scored >= settings.ExpertsPerApplication ? null
                        : Conflict($"专家评分尚未完成：已评 {outcome.Scored} 位，本批次需要 {settings.ExpertsPerApplication} 位",
                            $"{outcome.Scored} of the {settings.ExpertsPerApplication} expert scores round {application.RoundId} asks for are in", "expert-review.scores-incomplete");
                }
                return outcome.Passed == true ? null
                    : Conflict($"专家评审平均分 {outcome.Average:0.##} 低于及格线 {settings.PassMark:0.##}，不能审核通过",
                        $"the experts' average {outcome.Average} is below the pass mark {settings.PassMark}; the application cannot be approved", "expert-review.failed");
            case Guard.PublicityOverWithoutOpenObjection:
                var today = ChinaCalendar.Today(clock);
                if (today <= application.PublicityEndsOn)
                {
                    return Conflict($"公示期未满（公示至 {application.PublicityEndsOn:yyyy-MM-dd}），暂不能认定",
                        $"publicity of application {application.Id} runs until {application.PublicityEndsOn:yyyy-MM-dd} inclusive; recognition is possible from the day after",
                        "publicity.running");
                }
                return application.Objections.FirstOrDefault(o => o.Outcome is null) is { } open
                    ? Conflict($"存在未处理的异议（第 {open.Id} 号），请先处理后再认定", $"objection {open.Id} on application {application.Id} is open; uphold or dismiss it before recognition",
                        "publicity.objection-open")
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The city's quota of the round (tracked) with a place left, or why there is none (the city has no quota, or it is used up).</summary>
    private async Task<(RoundQuota? Quota, Refusal? Refusal)> QuotaAsync(Application application, CancellationToken ct)
    {
        var city = application.Enterprise.CityCode ?? application.Enterprise.RegionCode;
        var cityName = regions.Find(city)?.Name ?? city;
        var quota = await db.RoundQuotas.SingleOrDefaultAsync(q => q.RoundId == application.RoundId && q.CityCode == city, ct).ConfigureAwait(false);
        if (quota is null)
        {
            return (null, Conflict($"超出推荐名额：本批次未给{cityName}分配推荐名额", $"over quota: round {application.RoundId} gives {city} no recommendation places", "round.quota-used"));
        }
        if (quota.Recommended >= quota.Quota)
        {
            return (null, Conflict(
                $"超出推荐名额：本批次{cityName}的推荐名额为 {quota.Quota} 家，已推荐 {quota.Recommended} 家",
                $"over quota: round {application.RoundId} allows {city} {quota.Quota} recommendations and {quota.Recommended} are made", "round.quota-used"));
        }
        return (quota, null);
    }

    /// <summary>Saves a step taken on <paramref name="expectedRevision"/>; a concurrent step saved first makes this one a conflict, nothing saved.</summary>
    public async Task<Outcome<Decided>> SaveAsync(Application application, int expectedRevision, string? gapJson, CancellationToken ct)
    {
        db.Entry(application).Property(a => a.Revision).OriginalValue = expectedRevision;
        db.RuleSetVersion = application.PreEvaluationRuleVersion;
        Notifications.WorkflowNotices.FromPendingDecisions(db);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone decided between our read and our write: theirs stands, ours is not saved.
            return Conflict("该申报已被他人处理（或推荐名额刚被占用），请刷新后重试",
                $"application {application.Id} (revision {expectedRevision}) or its city's quota was changed by someone else; nothing was saved");
        }
        return new Decided(application, gapJson);
    }

    /// <summary>
    /// Forgets changes a refused step left in the context (a step refused on save has changed the entities in memory),
    /// so that reading the application again shows it as it is in the database.
    /// </summary>
    public void DiscardUnsaved() => db.ChangeTracker.Clear();

    private static Refusal? NotOpen(Round round, DateOnly today) =>
        today < round.OpensOn
            ? Unprocessable($"申报尚未开始（{round.OpensOn:yyyy-MM-dd} 开始）", $"round {round.Id} opens on {round.OpensOn:yyyy-MM-dd}")
            : today > round.ClosesOn
                ? Unprocessable($"申报已截止（截止日期 {round.ClosesOn:yyyy-MM-dd}）", $"round {round.Id} closed on {round.ClosesOn:yyyy-MM-dd}")
                : null;

    /// <summary>The application with its round, enterprise, decisions and objections, tracked; null when not in scope.</summary>
    public Task<Application?> LoadAsync(long id, CancellationToken ct) =>
        db.Applications.Include(a => a.Round).Include(a => a.Enterprise).Include(a => a.Decisions).Include(a => a.Objections)
            .SingleOrDefaultAsync(a => a.Id == id, ct);

    public ApplicationDecision Record(Application a, string level, string decision, ApplicationState from, ApplicationState to, DateTimeOffset at, string? reason) => new()
    {
        Application = a,
        Level = level,
        Decision = decision,
        FromState = from,
        ToState = to,
        Actor = db.Scope.Actor,
        At = at,
        Reason = reason,
        // A (re)submission is taken on what the enterprise declared; a review on what reviewers see (verified values, if any).
        EvaluationTrace = decision is "submit" or "resubmit" ? a.PreEvaluation : ReviewerEvaluation.Of(a).Trace,
        RuleVersion = decision is "submit" or "resubmit" ? a.PreEvaluationRuleVersion : ReviewerEvaluation.Of(a).RuleVersion,
    };
}
