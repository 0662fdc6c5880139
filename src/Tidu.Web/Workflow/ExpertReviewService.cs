using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using static Tidu.Web.Workflow.WorkflowProblems;

namespace Tidu.Web.Workflow;

/// <summary>An application's expert review as the reader may see it: the round's settings, the assignments in scope, the outcome.</summary>
public sealed record ExpertReviewState(Application Application, RoundExpertReview? Settings, IReadOnlyList<ExpertAssignment> Assignments,
    ExpertReviewOutcome Outcome, ApplicationDecision? Concluded)
{
    public IReadOnlyList<ScoreSheetItem> Sheet => Settings is null ? [] : ExpertReviewOutcome.Sheet(Settings);
}

/// <summary>
/// Expert review (专家评审), workflow.md step 5 and seed 003 (浙江省隐形冠军: after the city's review “省经信委组织有关专家对企业
/// 申报材料进行评审”, then publicity), for the API and the pages alike. Reading: it sits at the province stage, on
/// applications the city recommended (state CityRecommended), before province approval. The province sets the round's
/// review (number of experts, pass mark, sheet), assigns experts; each expert first declares a conflict of interest or
/// none, then scores every sheet item with a comment; the province concludes on the average. Experts see only their
/// assigned applications (the database filter); a declared or detected conflict refuses the assignment or the score.
/// </summary>
public sealed class ExpertReviewService(TiduDbContext db, ApplicationService applications, IOptions<ExpertReviewOptions> defaults, TimeProvider clock)
{
    public const string ConcludeDecision = "expert-review";

    /// <summary>The configured defaults a round's review takes for what the province leaves out.</summary>
    public ExpertReviewOptions Defaults => defaults.Value;

    public async Task<WorkflowOutcome<RoundExpertReview>> SetAsync(long roundId, ExpertReviewSettingsRequest body, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(user);
        if (ReviewChain.LevelOf(user) != "province")
        {
            return Forbidden("只有省级主管部门可以设置专家评审", "only a province officer sets a round's expert review");
        }
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == roundId, ct).ConfigureAwait(false);
        if (round is null || round.RegionCode != db.Scope.RegionCode)
        {
            return RoundNotFound(roundId);
        }
        var experts = body.ExpertsPerApplication ?? defaults.Value.ExpertsPerApplication;
        var passMark = body.PassMark ?? defaults.Value.PassMark;
        var sheet = body.ScoreSheet is { Count: > 0 } given ? given : defaults.Value.ScoreSheet;
        var errors = new Dictionary<string, string[]>();
        if (experts < 1)
        {
            errors["expertsPerApplication"] = [$"at least one expert scores each application (got {experts}; is Workflow:ExpertReview:ExpertsPerApplication configured?)"];
        }
        if (sheet.Count == 0 || sheet.Any(i => string.IsNullOrWhiteSpace(i.Id) || string.IsNullOrWhiteSpace(i.Title) || i.MaxPoints <= 0)
            || sheet.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count() != sheet.Count)
        {
            errors["scoreSheet"] = ["the scoring sheet needs items with a unique id, a title and positive maximum points (is Workflow:ExpertReview:ScoreSheet configured?)"];
        }
        else if (passMark < 0 || passMark > sheet.Sum(i => i.MaxPoints))
        {
            errors["passMark"] = [$"the pass mark {passMark} is outside 0 to {sheet.Sum(i => i.MaxPoints)}, the sheet's total"];
        }
        if (errors.Count > 0)
        {
            return new WorkflowRefusal(StatusCodes.Status400BadRequest, "专家评审设置校验未通过（专家人数至少 1 位，及格线在 0 至评分表总分之间）",
                "expert review settings invalid", errors);
        }
        if (await db.ExpertAssignments.AnyAsync(x => x.Application.RoundId == roundId && x.ScoredAt != null, ct).ConfigureAwait(false))
        {
            return Conflict("本批次已有专家评分，不能再修改评审设置", $"experts have scored in round {roundId}: its expert review can no longer change");
        }
        var settings = await db.RoundExpertReviews.SingleOrDefaultAsync(r => r.RoundId == roundId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            settings = new RoundExpertReview { RoundId = roundId, ScoreSheet = "[]", SetBy = "" };
            db.RoundExpertReviews.Add(settings);
        }
        settings.ExpertsPerApplication = experts;
        settings.PassMark = passMark;
        settings.ScoreSheet = JsonSerializer.Serialize(sheet, JsonSerializerOptions.Web);
        settings.SetBy = db.Scope.Actor;
        settings.SetAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return settings;
    }

    /// <summary>The expert review of an application in the caller's scope (an expert sees their own assignment only).</summary>
    public async Task<WorkflowOutcome<ExpertReviewState>> ReadAsync(long id, CancellationToken ct)
    {
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        return application is null ? ApplicationNotFound(id) : await StateOfAsync(application, ct).ConfigureAwait(false);
    }

    /// <summary>The expert review of an application already loaded.</summary>
    public async Task<ExpertReviewState> StateOfAsync(Application application, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(application);
        var settings = await db.RoundExpertReviews.AsNoTracking().SingleOrDefaultAsync(r => r.RoundId == application.RoundId, ct).ConfigureAwait(false);
        // The filter shows an expert their own assignment only; officers all of their region.
        var assignments = await db.ExpertAssignments.AsNoTracking().Where(x => x.ApplicationId == application.Id).OrderBy(x => x.Id).ToListAsync(ct).ConfigureAwait(false);
        var concluded = application.Decisions.Where(d => d.Decision == ConcludeDecision).OrderBy(d => d.At).LastOrDefault();
        return new ExpertReviewState(application, settings, assignments, ExpertReviewOutcome.Of(settings, assignments), concluded);
    }

    /// <summary>The user names of the users with the expert role, for the province's assignment form.</summary>
    public async Task<IReadOnlyList<string>> ExpertUserNamesAsync(CancellationToken ct) =>
        await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Expert)))
            .Select(u => u.UserName!).OrderBy(n => n).ToListAsync(ct).ConfigureAwait(false);

    public async Task<WorkflowOutcome<ExpertReviewState>> AssignAsync(long id, string? expertUserName, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (ReviewChain.LevelOf(user) != "province")
        {
            return Forbidden("只有省级主管部门可以指派评审专家", "only a province officer assigns experts");
        }
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (application.State != ApplicationState.CityRecommended)
        {
            return Conflict("只有市级已推荐、尚未省级审核的申报可以指派专家", $"experts are assigned to city-recommended applications; this one is {application.State}");
        }
        var settings = await db.RoundExpertReviews.SingleOrDefaultAsync(r => r.RoundId == application.RoundId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            return Conflict("该批次未设置专家评审", $"round {application.RoundId} has no expert review; set it with PUT /api/v1/rounds/{application.RoundId}/expert-review");
        }
        var name = expertUserName?.Trim() ?? "";
        var expert = await db.Users.SingleOrDefaultAsync(u => u.UserName == name, ct).ConfigureAwait(false);
        if (expert is null || !await IsExpertAsync(expert.Id, ct).ConfigureAwait(false))
        {
            return Unprocessable("未找到该评审专家", $"{name} is not a user with the expert role");
        }
        var enterprise = application.Enterprise;
        if (DetectedConflict(expert, enterprise.CreditCode) is { } detected)
        {
            return detected;
        }
        var earlier = await db.ExpertAssignments.AsNoTracking()
            .Where(x => x.ExpertId == expert.Id && (x.ApplicationId == id || (x.EnterpriseId == enterprise.Id && x.HasConflict == true)))
            .ToListAsync(ct).ConfigureAwait(false);
        if (earlier.Any(x => x.EnterpriseId == enterprise.Id && x.HasConflict == true))
        {
            return Conflict($"专家 {expert.DisplayName} 曾声明与{enterprise.Name}存在利益冲突，不能指派",
                $"{name} declared a conflict of interest with {enterprise.CreditCode} before; they cannot be assigned to its application");
        }
        if (earlier.Any(x => x.ApplicationId == id))
        {
            return Conflict($"专家 {expert.DisplayName} 已指派到该申报", $"{name} is already assigned to application {id}");
        }
        var active = await db.ExpertAssignments.CountAsync(x => x.ApplicationId == id && x.HasConflict != true, ct).ConfigureAwait(false);
        if (active >= settings.ExpertsPerApplication)
        {
            return Conflict($"该申报已指派 {active} 位专家，达到本批次每件申报的专家人数 {settings.ExpertsPerApplication}",
                $"application {id} has {active} experts assigned; round {application.RoundId} asks for {settings.ExpertsPerApplication}");
        }
        var now = clock.GetUtcNow();
        db.ExpertAssignments.Add(new ExpertAssignment
        {
            ApplicationId = id,
            Application = application,
            EnterpriseId = enterprise.Id,
            EnterpriseCreditCode = enterprise.CreditCode,
            EnterpriseRegionCode = enterprise.RegionCode,
            EnterpriseCityCode = enterprise.CityCode,
            EnterpriseProvinceCode = enterprise.ProvinceCode,
            ExpertId = expert.Id,
            ExpertUserName = name,
            AssignedBy = db.Scope.Actor,
            AssignedAt = now,
        });
        db.ApplicationDecisions.Add(ReviewerEvaluation.Record(application, "province", "assign-expert", application.State, db.Scope.Actor, now, $"指派评审专家 {expert.DisplayName}"));
        Notifications.Notices.Add(db, now, "expert-assigned", new Notifications.Recipient(name, null, null, null), enterprise,
            $"评审任务：{enterprise.Name}", $"您被指派评审{enterprise.Name}（{enterprise.CreditCode}）的申报，请先声明有无利益冲突，再评分。",
            $"/Applications/{id}", application: application);
        db.RuleSetVersion = application.PreEvaluationRuleVersion;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return await StateOfAsync(application, ct).ConfigureAwait(false);
    }

    public async Task<WorkflowOutcome<ExpertAssignment>> DeclareAsync(long id, bool hasConflict, string? statementText, ClaimsPrincipal user, CancellationToken ct)
    {
        var (application, assignment, refusal) = await OwnAssignmentAsync(user, id, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (assignment!.HasConflict is not null)
        {
            return Conflict("您已对该申报作出利益冲突声明", $"the conflict-of-interest declaration on application {id} is already made");
        }
        var statement = string.IsNullOrWhiteSpace(statementText) ? null : statementText.Trim();
        if (hasConflict && statement is null)
        {
            return Unprocessable("声明存在利益冲突时请说明关系", "a declared conflict of interest needs a statement of the relation");
        }
        var now = clock.GetUtcNow();
        assignment.HasConflict = hasConflict;
        assignment.ConflictStatement = statement;
        assignment.DeclaredAt = now;
        var reason = hasConflict ? $"声明存在利益冲突，回避评审：{statement}" : "声明与申报企业不存在利益冲突" + (statement is null ? "" : $"：{statement}");
        db.ApplicationDecisions.Add(ReviewerEvaluation.Record(application!, "expert", hasConflict ? "declare-conflict" : "declare-no-conflict", application!.State, db.Scope.Actor, now, reason));
        db.RuleSetVersion = application.PreEvaluationRuleVersion;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return assignment;
    }

    public async Task<WorkflowOutcome<ExpertAssignment>> ScoreAsync(long id, IReadOnlyDictionary<string, decimal>? givenScores, string? commentText, ClaimsPrincipal user, CancellationToken ct)
    {
        var (application, assignment, refusal) = await OwnAssignmentAsync(user, id, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (application!.State != ApplicationState.CityRecommended)
        {
            return Conflict("该申报当前不在专家评审阶段", $"experts score city-recommended applications; this one is {application.State}");
        }
        if (assignment!.HasConflict is null)
        {
            return Conflict("请先声明是否与申报企业存在利益冲突，再评分", "declare a conflict of interest (or none) before scoring");
        }
        if (assignment.HasConflict == true)
        {
            return Conflict("您已声明与该企业存在利益冲突，不能评分", $"you declared a conflict of interest with {application.Enterprise.CreditCode}; you cannot score it");
        }
        var expert = await db.Users.SingleAsync(u => u.Id == assignment.ExpertId, ct).ConfigureAwait(false);
        if (DetectedConflict(expert, application.Enterprise.CreditCode) is { } detected)
        {
            return detected;
        }
        if (assignment.ScoredAt is not null)
        {
            return Conflict("您已对该申报评分，评分不能修改", $"you scored application {id} already; a score is not changed");
        }
        var settings = await db.RoundExpertReviews.AsNoTracking().SingleAsync(r => r.RoundId == application.RoundId, ct).ConfigureAwait(false);
        var sheet = ExpertReviewOutcome.Sheet(settings);
        var scores = givenScores ?? new Dictionary<string, decimal>();
        var problems = new List<string>();
        foreach (var item in sheet)
        {
            if (!scores.TryGetValue(item.Id, out var points))
            {
                problems.Add($"{item.Id} ({item.Title}) is not scored");
            }
            else if (points < 0 || points > item.MaxPoints)
            {
                problems.Add($"{item.Id} ({item.Title}) scores {points}, outside 0 to {item.MaxPoints}");
            }
        }
        problems.AddRange(scores.Keys.Where(k => sheet.All(i => i.Id != k)).Select(k => $"{k} is not an item of the round's scoring sheet"));
        var comment = string.IsNullOrWhiteSpace(commentText) ? null : commentText.Trim();
        if (comment is null)
        {
            problems.Add("a score needs a comment");
        }
        if (problems.Count > 0)
        {
            return Unprocessable("评分不完整或超出分值范围，请逐项评分并填写评审意见", string.Join("; ", problems));
        }
        var now = clock.GetUtcNow();
        assignment.ItemScores = JsonSerializer.Serialize(sheet.ToDictionary(i => i.Id, i => scores[i.Id]));
        assignment.TotalScore = sheet.Sum(i => scores[i.Id]);
        assignment.Comment = comment;
        assignment.ScoredAt = now;
        var items = string.Join("，", sheet.Select(i => $"{i.Title} {scores[i.Id]}/{i.MaxPoints}"));
        db.ApplicationDecisions.Add(ReviewerEvaluation.Record(application, "expert", "score", application.State, db.Scope.Actor, now,
            $"评分 {assignment.TotalScore}（{items}）；意见：{comment}"));
        db.RuleSetVersion = application.PreEvaluationRuleVersion;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return assignment;
    }

    public async Task<WorkflowOutcome<Decided>> ConcludeAsync(long id, int revision, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (ReviewChain.LevelOf(user) != "province")
        {
            return Forbidden("只有省级主管部门可以汇总专家评审", "only a province officer concludes an expert review");
        }
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (application.Revision != revision)
        {
            return StaleRevision(revision, application.Revision);
        }
        if (application.State != ApplicationState.CityRecommended)
        {
            return Conflict("该申报当前不在专家评审阶段", $"an expert review is concluded on a city-recommended application; this one is {application.State}");
        }
        if (application.Decisions.Any(d => d.Decision == ConcludeDecision))
        {
            return Conflict("该申报的专家评审已汇总", $"the expert review of application {id} is concluded already");
        }
        var settings = await db.RoundExpertReviews.AsNoTracking().SingleOrDefaultAsync(r => r.RoundId == application.RoundId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            return Conflict("该批次未设置专家评审", $"round {application.RoundId} has no expert review");
        }
        var assignments = await db.ExpertAssignments.AsNoTracking().Where(x => x.ApplicationId == id).ToListAsync(ct).ConfigureAwait(false);
        var outcome = ExpertReviewOutcome.Of(settings, assignments);
        if (outcome.Scored < settings.ExpertsPerApplication)
        {
            return Conflict($"专家评分尚未完成：已评 {outcome.Scored} 位，本批次需要 {settings.ExpertsPerApplication} 位",
                $"{outcome.Scored} of the {settings.ExpertsPerApplication} expert scores round {application.RoundId} asks for are in");
        }
        var reason = $"专家评审：{outcome.Scored} 位专家平均分 {outcome.Average:0.##}（及格线 {settings.PassMark:0.##}），{(outcome.Passed == true ? "通过" : "未通过")}";
        db.ApplicationDecisions.Add(ReviewerEvaluation.Record(application, "province", ConcludeDecision, application.State, db.Scope.Actor, clock.GetUtcNow(), reason));
        // A step that leaves the state as it is is still a new revision: whoever decided on the old one learns of it.
        db.Entry(application).State = EntityState.Modified;
        return await applications.SaveAsync(application, revision, null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Province approval in a round with expert review needs the review concluded and passed; null when it may go on.
    /// </summary>
    internal static async Task<WorkflowRefusal?> ApprovalRefusalAsync(TiduDbContext db, Application application, CancellationToken ct)
    {
        var settings = await db.RoundExpertReviews.AsNoTracking().SingleOrDefaultAsync(r => r.RoundId == application.RoundId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            return null;
        }
        if (!application.Decisions.Any(d => d.Decision == ConcludeDecision))
        {
            return Conflict("该申报的专家评审尚未汇总，不能省级审核通过", $"round {application.RoundId} has expert review: conclude it before approving application {application.Id}");
        }
        var assignments = await db.ExpertAssignments.AsNoTracking().Where(x => x.ApplicationId == application.Id).ToListAsync(ct).ConfigureAwait(false);
        var outcome = ExpertReviewOutcome.Of(settings, assignments);
        return outcome.Passed == true ? null
            : Conflict($"专家评审平均分 {outcome.Average:0.##} 低于及格线 {settings.PassMark:0.##}，不能审核通过",
                $"the experts' average {outcome.Average} is below the pass mark {settings.PassMark}; the application cannot be approved");
    }

    private async Task<(Application?, ExpertAssignment?, WorkflowRefusal?)> OwnAssignmentAsync(ClaimsPrincipal user, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(Roles.Expert) || db.Scope.ExpertId is not { } expertId)
        {
            return (null, null, Forbidden("只有指派的评审专家可以声明或评分", "only an assigned expert declares and scores"));
        }
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        var assignment = application is null ? null
            : await db.ExpertAssignments.SingleOrDefaultAsync(x => x.ApplicationId == id && x.ExpertId == expertId, ct).ConfigureAwait(false);
        return assignment is null ? (null, null, ApplicationNotFound(id)) : (application, assignment, null);
    }

    private Task<bool> IsExpertAsync(string userId, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Expert), ct);

    /// <summary>A conflict the system knows without a declaration: the expert works for the applying enterprise.</summary>
    private static WorkflowRefusal? DetectedConflict(TiduUser expert, string creditCode) =>
        string.Equals(expert.OrganisationCreditCode, creditCode, StringComparison.OrdinalIgnoreCase)
            ? Conflict($"利益冲突：专家 {expert.DisplayName} 所在单位即申报企业，须回避",
                $"conflict of interest: {expert.UserName} works for {creditCode} (their organisation's credit code), the applying enterprise")
            : null;
}
