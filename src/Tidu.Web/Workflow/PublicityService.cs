using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using static Tidu.Web.Workflow.WorkflowProblems;

namespace Tidu.Web.Workflow;

/// <summary>
/// After province approval (workflow.md steps 6–7), for the API and the pages alike: publicity (公示) for the round's
/// number of working days, objections (异议) recorded by officers and resolved by the province (upheld rejects the
/// application), and recognition (认定): a unique certificate number and a recognition added to the enterprise's file.
/// Recognition is refused while publicity runs or an objection is open. Every step is an <see cref="ApplicationDecision"/>.
/// </summary>
public sealed class PublicityService(TiduDbContext db, ApplicationService applications, EnterpriseRegistry registry, RegionTree regions, TimeProvider clock)
{
    public async Task<WorkflowOutcome<Decided>> StartAsync(long id, int revision, ClaimsPrincipal user, CancellationToken ct)
    {
        var (application, refusal) = await LoadForProvinceAsync(user, id, revision, ApplicationState.ProvinceApproved, "publicize", ct).ConfigureAwait(false);
        if (application is null)
        {
            return refusal!;
        }
        if (application.Round.PublicityWorkingDays < 1 || application.Round.ValidityYears < 1)
        {
            // Rounds opened before publicity existed carry no days or years: say so rather than guess a policy number.
            return Unprocessable("该批次未设置公示天数或认定有效期", $"round {application.RoundId} has no publicity working days or validity years set");
        }
        var today = ChinaCalendar.Today(clock);
        // Publicity starts on the first working day from today and lasts the round's number of working days.
        application.PublicityStartsOn = WorkingDays.FirstOnOrAfter(today);
        application.PublicityEndsOn = WorkingDays.LastOf(application.PublicityStartsOn.Value, application.Round.PublicityWorkingDays);
        var reason = $"公示 {application.Round.PublicityWorkingDays} 个工作日：{application.PublicityStartsOn:yyyy-MM-dd} 至 {application.PublicityEndsOn:yyyy-MM-dd}";
        return await StepAsync(user, application, "publicize", ApplicationState.Publicity, reason, revision, ct).ConfigureAwait(false);
    }

    public async Task<WorkflowOutcome<Decided>> ObjectAsync(long id, string? reason, int revision, ClaimsPrincipal user, CancellationToken ct)
    {
        if (ReviewChain.LevelOf(user) is null)
        {
            return Forbidden("只有主管部门可以登记异议", "only an officer records an objection");
        }
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is null)
        {
            return Unprocessable("登记异议必须说明理由", "an objection needs a reason");
        }
        var (application, refusal) = await LoadInStateAsync(id, revision, ApplicationState.Publicity, "object", ct).ConfigureAwait(false);
        if (application is null)
        {
            return refusal!;
        }
        application.Objections.Add(new ApplicationObjection { Application = application, Reason = why, RaisedBy = db.Scope.Actor, RaisedAt = clock.GetUtcNow() });
        return await StepAsync(user, application, "object", ApplicationState.Publicity, why, revision, ct).ConfigureAwait(false);
    }

    public async Task<WorkflowOutcome<Decided>> ResolveAsync(long id, long objectionId, string? outcomeName, string? reason, int revision, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Enum.TryParse<ObjectionOutcome>(outcomeName, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome))
        {
            return Unprocessable("异议处理结果无效（应为 upheld 或 dismissed）", $"unknown outcome '{outcomeName}': use upheld or dismissed");
        }
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is null)
        {
            return Unprocessable("处理异议必须说明理由", "resolving an objection needs a reason");
        }
        var decision = outcome == ObjectionOutcome.Upheld ? "uphold-objection" : "dismiss-objection";
        var (application, refusal) = await LoadForProvinceAsync(user, id, revision, ApplicationState.Publicity, decision, ct).ConfigureAwait(false);
        if (application is null)
        {
            return refusal!;
        }
        var objection = application.Objections.SingleOrDefault(o => o.Id == objectionId);
        if (objection is null)
        {
            return Problem(StatusCodes.Status404NotFound, "未找到该异议", $"no objection {objectionId} on application {id}");
        }
        if (objection.Outcome is not null)
        {
            return Conflict("该异议已处理", $"objection {objectionId} is already {objection.Outcome}");
        }
        objection.Outcome = outcome;
        objection.ResolvedBy = db.Scope.Actor;
        objection.ResolvedAt = clock.GetUtcNow();
        objection.ResolutionReason = why;
        // An upheld objection ends the application; a dismissed one leaves it in publicity.
        var to = outcome == ObjectionOutcome.Upheld ? ApplicationState.Rejected : ApplicationState.Publicity;
        return await StepAsync(user, application, decision, to, why, revision, ct).ConfigureAwait(false);
    }

    public async Task<WorkflowOutcome<Decided>> RecognizeAsync(long id, int revision, ClaimsPrincipal user, CancellationToken ct)
    {
        var (application, refusal) = await LoadForProvinceAsync(user, id, revision, ApplicationState.Publicity, "recognize", ct).ConfigureAwait(false);
        if (application is null)
        {
            return refusal!;
        }
        var today = ChinaCalendar.Today(clock);
        if (today <= application.PublicityEndsOn)
        {
            return Conflict($"公示期未满（公示至 {application.PublicityEndsOn:yyyy-MM-dd}），暂不能认定",
                $"publicity of application {id} runs until {application.PublicityEndsOn:yyyy-MM-dd} inclusive; recognition is possible from the day after");
        }
        if (application.Objections.FirstOrDefault(o => o.Outcome is null) is { } open)
        {
            return Conflict($"存在未处理的异议（第 {open.Id} 号），请先处理后再认定",
                $"objection {open.Id} on application {id} is open; uphold or dismiss it before recognition");
        }
        var round = application.Round;
        var prefix = Domain.Recognitions.CertificateNumber.Prefix(round.RegionCode, round.Tier, today.Year);
        // The sequence continues the province's numbers of the tier and year; the unique index refuses a number taken by a concurrent recognition.
        var taken = await db.Applications.IgnoreQueryFilters().CountAsync(a => a.CertificateNumber != null && a.CertificateNumber.StartsWith(prefix), ct).ConfigureAwait(false);
        application.CertificateNumber = Domain.Recognitions.CertificateNumber.Of(prefix, taken + 1);
        var enterprise = await registry.FindAsync(application.Enterprise.CreditCode, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the enterprise of application {application.Id} is not visible in this scope");
        enterprise.Recognitions.Add(new EnterpriseRecognition
        {
            Tier = round.Tier,
            RecognizedOn = today,
            // Valid for the round's number of years, the last day inclusive (as monitoring counts validity).
            ValidUntil = today.AddYears(round.ValidityYears).AddDays(-1),
            Issuer = regions.Find(round.RegionCode)?.Name ?? round.RegionCode,
        });
        registry.Reevaluate(enterprise, today);
        try
        {
            return await StepAsync(user, application, "recognize", ApplicationState.Recognized, $"证书编号 {application.CertificateNumber}", revision, ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return Conflict("证书编号刚被占用，请重试", $"certificate number {application.CertificateNumber} was taken concurrently; nothing was saved, retry");
        }
    }

    /// <summary>The application for a province decision in the expected state, or why it cannot be taken.</summary>
    private async Task<(Application?, WorkflowRefusal?)> LoadForProvinceAsync(ClaimsPrincipal user, long id, int revision, ApplicationState expected, string decision, CancellationToken ct) =>
        ReviewChain.LevelOf(user) != "province"
            ? (null, Forbidden("只有省级主管部门可以作出此决定", $"only a province officer can '{decision}'"))
            : await LoadInStateAsync(id, revision, expected, decision, ct).ConfigureAwait(false);

    private async Task<(Application?, WorkflowRefusal?)> LoadInStateAsync(long id, int revision, ApplicationState expected, string decision, CancellationToken ct)
    {
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        var refusal = application is null ? ApplicationNotFound(id)
            : application.Revision != revision ? StaleRevision(revision, application.Revision)
            : application.State != expected ? Conflict("该申报当前状态不能作出此决定", $"'{decision}' needs an application in state {expected}; this one is {application.State}")
            : null;
        return refusal is null ? (application, null) : (null, refusal);
    }

    private Task<WorkflowOutcome<Decided>> StepAsync(ClaimsPrincipal user, Application application, string decision, ApplicationState to, string? reason, int revision, CancellationToken ct)
    {
        var level = ReviewChain.LevelOf(user) ?? "province";
        db.ApplicationDecisions.Add(applications.Record(application, level, decision, application.State, to, clock.GetUtcNow(), reason));
        application.State = to;
        // Every step is a new revision, also one that leaves the state as it was (an objection, a dismissal):
        // the officer who decided on the old revision learns of it.
        db.Entry(application).State = EntityState.Modified;
        return applications.SaveAsync(application, revision, null, ct);
    }
}
