using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using static Tidu.Web.Workflow.WorkflowProblems;

namespace Tidu.Web.Workflow;

/// <summary>
/// Applications (申报) and their review chain. Region scope is the database's: an officer only finds applications
/// of enterprises in their region (another county's is a 404 and nothing changes). Every decision carries the
/// revision the officer saw; a decision on a stale revision is a 409 and the first decision stands.
/// </summary>
public static class ApplicationsApi
{
    private static readonly ApplicationState[] Recommended = [ApplicationState.CityRecommended, ApplicationState.ProvinceApproved];

    public static void MapApplications(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/applications", ListAsync).WithSummary("Applications in the caller's scope (filter by round and state)");
        read.MapGet("/applications/{id:long}", GetAsync).WithSummary("One application with its pre-evaluation and every decision");
        write.MapPost("/applications", SubmitAsync).WithSummary("The enterprise applies to an open round; the answer shows the pre-evaluation and gap");
        write.MapPost("/applications/{id:long}/resubmit", ResubmitAsync).WithSummary("The enterprise resubmits an application returned for correction");
        PublicityApi.Map(write);
        write.MapPost("/applications/{id:long}/decisions", DecideAsync).WithSummary("County first review, city recommendation (within quota), province review");
    }

    private static async Task<IResult> ListAsync(long? round, string? state, TiduDbContext db, CancellationToken ct)
    {
        var query = db.Applications.AsNoTracking().Include(a => a.Enterprise).AsQueryable();
        if (round is { } r)
        {
            query = query.Where(a => a.RoundId == r);
        }
        if (state is not null)
        {
            if (!Enum.TryParse<ApplicationState>(state, ignoreCase: true, out var s))
            {
                return Unprocessable("申报状态无效", $"unknown state {state}: use one of {string.Join(", ", Enum.GetNames<ApplicationState>())}");
            }
            query = query.Where(a => a.State == s);
        }
        var list = await query.OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
        return Results.Ok(list.Select(a => Summary(a)));
    }

    private static async Task<IResult> GetAsync(long id, TiduDbContext db, CancellationToken ct)
    {
        var a = await db.Applications.AsNoTracking().Include(x => x.Enterprise).Include(x => x.Decisions).Include(x => x.Objections)
            .SingleOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        return a is null ? ApplicationNotFound(id) : Results.Ok(Detail(a, null));
    }

    private static async Task<IResult> SubmitAsync(SubmitRequest body, HttpContext http, TiduDbContext db, EnterpriseRegistry registry,
        Evaluator evaluator, GapAnalyzer gaps, RegionTree regions, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Dynamic.DynamicManagementOptions> dynamic, CancellationToken ct)
    {
        if (!http.User.IsInRole(Roles.Enterprise) || db.Scope.CreditCode is not { } creditCode)
        {
            return Forbidden("只有企业用户可以申报", "only an enterprise user applies");
        }
        if (!body.DeclaredTrue)
        {
            return Unprocessable("请先承诺所填数据真实", "the enterprise must declare its data true to apply");
        }
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == body.RoundId, ct).ConfigureAwait(false);
        if (round is null)
        {
            return RoundNotFound(body.RoundId);
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
        application.Decisions.Add(Record(application, "enterprise", "submit", ApplicationState.Submitted, ApplicationState.Submitted, db.Scope.Actor, now, null));
        db.Applications.Add(application);
        db.RuleSetVersion = pre.RuleVersion;
        Notifications.WorkflowNotices.FromPendingDecisions(db);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return Results.Created($"/api/v1/applications/{application.Id}", Detail(application, pre.GapJson));
    }

    private static async Task<IResult> ResubmitAsync(long id, ResubmitRequest body, HttpContext http, TiduDbContext db, EnterpriseRegistry registry,
        Evaluator evaluator, GapAnalyzer gaps, TimeProvider clock, CancellationToken ct)
    {
        if (!http.User.IsInRole(Roles.Enterprise))
        {
            return Forbidden("只有企业用户可以重新提交申报", "only the enterprise resubmits its application");
        }
        var application = await Load(db, id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (application.Revision != body.Revision)
        {
            return StaleRevision(body.Revision, application.Revision);
        }
        if (application.State != ApplicationState.Returned)
        {
            return Conflict("只有退回补正的申报可以重新提交", $"only a returned application can be resubmitted; this one is {application.State}");
        }
        if (!body.DeclaredTrue)
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
        db.ApplicationDecisions.Add(Record(application, "enterprise", "resubmit", ApplicationState.Returned, ApplicationState.Submitted, db.Scope.Actor, now, null));
        application.State = ApplicationState.Submitted;
        return await SaveAsync(db, application, body.Revision, pre.GapJson, ct).ConfigureAwait(false);
    }

    private static async Task<IResult> DecideAsync(long id, DecisionRequest body, HttpContext http, TiduDbContext db, RegionTree regions, TimeProvider clock, CancellationToken ct)
    {
        if (ReviewChain.LevelOf(http.User) is not { } level)
        {
            return Forbidden("只有县、市、省级主管部门可以审核申报", "only county, city and province officers decide on applications");
        }
        var application = await Load(db, id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (ReviewChain.Find(level, body.Decision ?? "") is not { } step)
        {
            return Unprocessable("该层级不能作出此决定", $"a {level} officer cannot '{body.Decision}': use one of {string.Join(", ", ReviewChain.DecisionsOf(level))}");
        }
        if (application.Revision != body.Revision)
        {
            return StaleRevision(body.Revision, application.Revision);
        }
        if (application.State != step.From)
        {
            return Conflict("该申报当前状态不能作出此决定", $"a {level} '{step.Decision}' needs an application in state {step.From}; this one is {application.State}");
        }
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
        if (step.ReasonRequired && reason is null)
        {
            return Unprocessable("退回或不通过必须说明理由", $"'{step.Decision}' needs a reason");
        }
        if (step.To == ApplicationState.CityRecommended && await TakeQuotaAsync(db, application, regions, ct).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        db.ApplicationDecisions.Add(Record(application, level, step.Decision, step.From, step.To, db.Scope.Actor, clock.GetUtcNow(), reason));
        application.State = step.To;
        return await SaveAsync(db, application, body.Revision, null, ct).ConfigureAwait(false);
    }

    /// <summary>Takes one place of the city's quota, or says why there is none (the city has no quota, or it is used up).</summary>
    private static async Task<IResult?> TakeQuotaAsync(TiduDbContext db, Application application, RegionTree regions, CancellationToken ct)
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

    internal static async Task<IResult> SaveAsync(TiduDbContext db, Application application, int expectedRevision, string? gapJson, CancellationToken ct)
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
        return Results.Ok(Detail(application, gapJson));
    }

    private static IResult? NotOpen(Round round, DateOnly today) =>
        today < round.OpensOn
            ? Unprocessable($"申报尚未开始（{round.OpensOn:yyyy-MM-dd} 开始）", $"round {round.Id} opens on {round.OpensOn:yyyy-MM-dd}")
            : today > round.ClosesOn
                ? Unprocessable($"申报已截止（截止日期 {round.ClosesOn:yyyy-MM-dd}）", $"round {round.Id} closed on {round.ClosesOn:yyyy-MM-dd}")
                : null;

    internal static Task<Application?> Load(TiduDbContext db, long id, CancellationToken ct) =>
        db.Applications.Include(a => a.Round).Include(a => a.Enterprise).Include(a => a.Decisions).Include(a => a.Objections)
            .SingleOrDefaultAsync(a => a.Id == id, ct);

    internal static ApplicationDecision Record(Application a, string level, string decision, ApplicationState from, ApplicationState to, string actor, DateTimeOffset at, string? reason) => new()
    {
        Application = a,
        Level = level,
        Decision = decision,
        FromState = from,
        ToState = to,
        Actor = actor,
        At = at,
        Reason = reason,
        EvaluationTrace = a.PreEvaluation,
        RuleVersion = a.PreEvaluationRuleVersion,
    };

    private static object Summary(Application a) => new
    {
        a.Id,
        a.RoundId,
        a.Enterprise.CreditCode,
        enterpriseName = a.Enterprise.Name,
        state = a.State.ToString(),
        a.Revision,
        a.DeclaredTrue,
        a.SubmittedAt,
        a.PreEvaluationQualified,
        a.PreEvaluationRuleVersion,
    };

    internal static object Detail(Application a, string? gapJson) => new
    {
        a.Id,
        a.RoundId,
        a.Enterprise.CreditCode,
        enterpriseName = a.Enterprise.Name,
        state = a.State.ToString(),
        a.Revision,
        a.DeclaredTrue,
        a.SubmittedAt,
        preEvaluation = new
        {
            qualified = a.PreEvaluationQualified,
            ruleVersion = a.PreEvaluationRuleVersion,
            trace = JsonNode.Parse(a.PreEvaluation),
            gap = gapJson is null ? null : JsonNode.Parse(gapJson),
        },
        a.PublicityStartsOn,
        a.PublicityEndsOn,
        a.CertificateNumber,
        objections = a.Objections.OrderBy(o => o.Id).Select(o => new
        {
            o.Id,
            o.Reason,
            o.RaisedBy,
            o.RaisedAt,
            outcome = o.Outcome?.ToString(),
            o.ResolvedBy,
            o.ResolvedAt,
            o.ResolutionReason,
        }),
        decisions = a.Decisions.OrderBy(d => d.At).ThenBy(d => d.Id).Select(d => new
        {
            d.Decision,
            d.Level,
            from = d.FromState.ToString(),
            to = d.ToState.ToString(),
            d.Actor,
            d.At,
            d.Reason,
            d.RuleVersion,
        }),
    };
}
