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
        if (!actors.Current.IsEnterprise || db.Scope.CreditCode is not { } creditCode)
        {
            return Forbidden("只有企业用户可以申报", "only an enterprise user applies");
        }
        if (!declaredTrue)
        {
            return Unprocessable("请先承诺所填数据真实", "the enterprise must declare its data true to apply");
        }
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
            State = ApplicationState.Submitted,
            DeclaredTrue = true,
            SubmittedAt = now,
            PreEvaluation = pre.TraceJson,
            PreEvaluationQualified = pre.Qualified,
            PreEvaluationRuleVersion = pre.RuleVersion,
        };
        application.Decisions.Add(Record(application, "enterprise", "submit", ApplicationState.Submitted, ApplicationState.Submitted, now, null));
        db.Applications.Add(application);
        db.ApplicationDeclarations.Add(DeclaredValues.Snapshot(application, enterprise, db.Scope.Actor, now));
        db.RuleSetVersion = pre.RuleVersion;
        Notifications.WorkflowNotices.FromPendingDecisions(db);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Decided(application, pre.GapJson);
    }

    public async Task<Outcome<Decided>> ResubmitAsync(long id, int revision, bool declaredTrue, CancellationToken ct)
    {
        if (!actors.Current.IsEnterprise)
        {
            return Forbidden("只有企业用户可以重新提交申报", "only the enterprise resubmits its application");
        }
        var application = await LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (application.Revision != revision)
        {
            return StaleRevision(revision, application.Revision);
        }
        if (application.State != ApplicationState.Returned)
        {
            return Conflict("只有退回补正的申报可以重新提交", $"only a returned application can be resubmitted; this one is {application.State}");
        }
        if (!declaredTrue)
        {
            return Unprocessable("请先承诺所填数据真实", "the enterprise must declare its data true to resubmit");
        }
        var today = ChinaCalendar.Today(clock);
        if (NotOpen(application.Round, today) is { } closed)
        {
            return closed;
        }
        // The corrected file is evaluated again: the reviewers decide on what is on file now.
        var enterprise = await registry.FindAsync(application.Enterprise.CreditCode, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the enterprise of application {application.Id} is not visible in this scope");
        if (ProfileMapping.ToProfile(enterprise).Profile is not { } profile
            || PreEvaluation.Of(profile, today, application.Round.Tier, evaluator, gaps) is not { } pre)
        {
            return Unprocessable("企业档案不完整或规则不适用，无法重新提交", $"the file of {enterprise.CreditCode} cannot be evaluated for {application.Round.Tier}");
        }
        var now = clock.GetUtcNow();
        application.PreEvaluation = pre.TraceJson;
        application.PreEvaluationQualified = pre.Qualified;
        application.PreEvaluationRuleVersion = pre.RuleVersion;
        application.SubmittedAt = now;
        application.DeclaredTrue = true;
        db.ApplicationDeclarations.Add(DeclaredValues.Snapshot(application, enterprise, db.Scope.Actor, now));
        db.ApplicationDecisions.Add(Record(application, "enterprise", "resubmit", ApplicationState.Returned, ApplicationState.Submitted, now, null));
        application.State = ApplicationState.Submitted;
        return await SaveAsync(application, revision, pre.GapJson, ct).ConfigureAwait(false);
    }

    /// <summary>A county, city or province review decision (see <see cref="ReviewChain"/>).</summary>
    public async Task<Outcome<Decided>> DecideAsync(long id, string? decision, string? reason, int revision, CancellationToken ct)
    {
        if (ReviewChain.LevelOf(actors.Current) is not { } level)
        {
            return Forbidden("只有县、市、省级主管部门可以审核申报", "only county, city and province officers decide on applications");
        }
        var application = await LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (ReviewChain.Find(level, decision ?? "") is not { } step)
        {
            return Unprocessable("该层级不能作出此决定", $"a {level} officer cannot '{decision}': use one of {string.Join(", ", ReviewChain.DecisionsOf(level))}");
        }
        if (application.Revision != revision)
        {
            return StaleRevision(revision, application.Revision);
        }
        if (application.State != step.From)
        {
            return Conflict("该申报当前状态不能作出此决定", $"a {level} '{step.Decision}' needs an application in state {step.From}; this one is {application.State}");
        }
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (step.ReasonRequired && why is null)
        {
            return Unprocessable("退回或不通过必须说明理由", $"'{step.Decision}' needs a reason");
        }
        if (step.To == ApplicationState.CityRecommended && await TakeQuotaAsync(application, ct).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        if (step.To == ApplicationState.ProvinceApproved && await ExpertReviewService.ApprovalRefusalAsync(db, application, ct).ConfigureAwait(false) is { } unreviewed)
        {
            return unreviewed;
        }
        db.ApplicationDecisions.Add(Record(application, level, step.Decision, step.From, step.To, clock.GetUtcNow(), why));
        application.State = step.To;
        return await SaveAsync(application, revision, null, ct).ConfigureAwait(false);
    }

    /// <summary>Takes one place of the city's quota, or says why there is none (the city has no quota, or it is used up).</summary>
    private async Task<Refusal?> TakeQuotaAsync(Application application, CancellationToken ct)
    {
        var city = application.Enterprise.CityCode ?? application.Enterprise.RegionCode;
        var cityName = regions.Find(city)?.Name ?? city;
        var quota = await db.RoundQuotas.SingleOrDefaultAsync(q => q.RoundId == application.RoundId && q.CityCode == city, ct).ConfigureAwait(false);
        if (quota is null)
        {
            return Conflict($"超出推荐名额：本批次未给{cityName}分配推荐名额", $"over quota: round {application.RoundId} gives {city} no recommendation places");
        }
        if (quota.Recommended >= quota.Quota)
        {
            return Conflict(
                $"超出推荐名额：本批次{cityName}的推荐名额为 {quota.Quota} 家，已推荐 {quota.Recommended} 家",
                $"over quota: round {application.RoundId} allows {city} {quota.Quota} recommendations and {quota.Recommended} are made");
        }
        // A concurrency token: two recommendations racing for the last place cannot both save.
        quota.Recommended++;
        return null;
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
