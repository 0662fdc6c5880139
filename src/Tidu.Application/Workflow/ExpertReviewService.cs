using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Application.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>An application's expert review as the reader may see it: the round's settings, the assignments in scope, the outcome.</summary>
public sealed record ExpertReviewState(Application Application, RoundExpertReview? Settings, IReadOnlyList<ExpertAssignment> Assignments,
    ExpertReviewOutcome Outcome, ApplicationDecision? Concluded)
{
    public IReadOnlyList<ScoreSheetItem> Sheet => Settings is null ? [] : ExpertReviewOutcome.Sheet(Settings);
}

/// <summary>
/// Expert review (专家评审), docs/procedure.md and 浙经信企创〔2016〕234号 四（三） (after the city's review “省经信委组织有关专家对企业
/// 申报材料进行评审”, then publicity), for the API and the pages alike. Reading: it sits at the province stage, on
/// applications the city recommended (state CityRecommended), before province approval. The province sets the round's
/// review (number of experts, pass mark, sheet), assigns experts; each expert first declares a conflict of interest or
/// none, then scores every sheet item with a comment; the province concludes on the average. Experts see only their
/// assigned applications (the database filter); a declared or detected conflict refuses the assignment or the score.
/// </summary>
public sealed class ExpertReviewService(TiduDbContext db, ApplicationService applications, IOptions<ExpertReviewOptions> defaults, TimeProvider clock, IActorSource actors)
{
    public const string ConcludeDecision = Lifecycle.Decisions.ConcludeExpertReview;

    /// <summary>The configured defaults a round's review takes for what the province leaves out.</summary>
    public ExpertReviewOptions Defaults => defaults.Value;

    public async Task<Outcome<RoundExpertReview>> SetAsync(long roundId, ExpertReviewSettingsRequest body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Access.Require(actors.Current, AccessRight.DecideAtProvince) is { } forbidden)
        {
            return forbidden;
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
            return Refusal.Validation("expert-review.settings-invalid", "专家评审设置校验未通过（专家人数至少 1 位，及格线在 0 至评分表总分之间）",
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
        settings.SetBy = actors.Current.Name;
        settings.SetAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return settings;
    }

    /// <summary>The expert review of an application in the caller's scope (an expert sees their own assignment only).</summary>
    public async Task<Outcome<ExpertReviewState>> ReadAsync(long id, CancellationToken ct)
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

    public async Task<Outcome<ExpertReviewState>> AssignAsync(long id, string? expertUserName, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.DecideAtProvince) is { } forbidden)
        {
            return forbidden;
        }
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (Lifecycle.Find(application.State, Trigger.AssignExpert, actors.Current.Role) is null)
        {
            return Conflict("只有市级已推荐或正在专家评审的申报可以指派专家", $"experts are assigned to city-recommended applications or those under expert review; this one is {application.State}",
                "application.state-not-allowed");
        }
        var settings = await db.RoundExpertReviews.SingleOrDefaultAsync(r => r.RoundId == application.RoundId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            return Conflict("该批次未设置专家评审", $"round {application.RoundId} has no expert review; set it with PUT /api/v1/rounds/{application.RoundId}/expert-review", "expert-review.not-set");
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
        var fired = await applications.FireAsync(application, Trigger.AssignExpert, null, $"指派评审专家 {expert.DisplayName}", null, (a, now) =>
        {
            db.ExpertAssignments.Add(new ExpertAssignment
            {
                ApplicationId = id,
                Application = a,
                EnterpriseId = enterprise.Id,
                EnterpriseCreditCode = enterprise.CreditCode,
                EnterpriseRegionCode = enterprise.RegionCode,
                EnterpriseCityCode = enterprise.CityCode,
                EnterpriseProvinceCode = enterprise.ProvinceCode,
                ExpertId = expert.Id,
                ExpertUserName = name,
                AssignedBy = actors.Current.Name,
                AssignedAt = now,
            });
            Notifications.Notices.Add(db, now, "expert-assigned", new Notifications.Recipient(name, null, null, null), enterprise,
                $"评审任务：{enterprise.Name}", $"您被指派评审{enterprise.Name}（{enterprise.CreditCode}）的申报，请先声明有无利益冲突，再评分。",
                $"/Applications/{id}", application: a);
            return Task.FromResult(ApplicationService.StepEffect.None);
        }, ct).ConfigureAwait(false);
        return fired.Refusal is { } refused ? refused : await StateOfAsync(application, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<ExpertAssignment>> DeclareAsync(long id, bool hasConflict, string? statementText, CancellationToken ct)
    {
        var (application, assignment, refusal) = await OwnAssignmentAsync(id, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (Lifecycle.Find(application!.State, Trigger.DeclareConflictOfInterest, actors.Current.Role) is null)
        {
            return Conflict("该申报当前不在专家评审阶段", $"experts declare on applications under expert review; this one is {application.State}", "application.state-not-allowed");
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
        db.ApplicationDecisions.Add(ReviewerEvaluation.Record(application!, "expert", hasConflict ? "declare-conflict" : "declare-no-conflict", application!.State, actors.Current.Name, now, reason));
        db.RuleSetVersion = application.PreEvaluationRuleVersion;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return assignment;
    }

    public async Task<Outcome<ExpertAssignment>> ScoreAsync(long id, IReadOnlyDictionary<string, decimal>? givenScores, string? commentText, CancellationToken ct)
    {
        var (application, assignment, refusal) = await OwnAssignmentAsync(id, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (Lifecycle.Find(application!.State, Trigger.Score, actors.Current.Role) is null)
        {
            return Conflict("该申报当前不在专家评审阶段", $"experts score applications under expert review; this one is {application.State}", "application.state-not-allowed");
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
        db.ApplicationDecisions.Add(ReviewerEvaluation.Record(application, "expert", "score", application.State, actors.Current.Name, now,
            $"评分 {assignment.TotalScore}（{items}）；意见：{comment}"));
        db.RuleSetVersion = application.PreEvaluationRuleVersion;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return assignment;
    }

    public async Task<Outcome<Decided>> ConcludeAsync(long id, int revision, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.DecideAtProvince) is { } forbidden)
        {
            return forbidden;
        }
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        return await applications.FireAsync(application, Trigger.ConcludeExpertReview, revision, null, null, async (a, _) =>
        {
            var settings = await db.RoundExpertReviews.AsNoTracking().SingleAsync(r => r.RoundId == a.RoundId, ct).ConfigureAwait(false);
            var assignments = await db.ExpertAssignments.AsNoTracking().Where(x => x.ApplicationId == id).ToListAsync(ct).ConfigureAwait(false);
            var outcome = ExpertReviewOutcome.Of(settings, assignments);
            return ApplicationService.StepEffect.WithReason(
                $"专家评审：{outcome.Scored} 位专家平均分 {outcome.Average:0.##}（及格线 {settings.PassMark:0.##}），{(outcome.Passed == true ? "通过" : "未通过")}");
        }, ct).ConfigureAwait(false);
    }

    private async Task<(Application?, ExpertAssignment?, Refusal?)> OwnAssignmentAsync(long id, CancellationToken ct)
    {
        if (!actors.Current.IsExpert || db.Scope.ExpertId is not { } expertId)
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
    private static Refusal? DetectedConflict(TiduUser expert, string creditCode) =>
        string.Equals(expert.OrganisationCreditCode, creditCode, StringComparison.OrdinalIgnoreCase)
            ? Conflict($"利益冲突：专家 {expert.DisplayName} 所在单位即申报企业，须回避",
                $"conflict of interest: {expert.UserName} works for {creditCode} (their organisation's credit code), the applying enterprise")
            : null;
}
