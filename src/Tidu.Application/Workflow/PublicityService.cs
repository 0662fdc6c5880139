using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using Tidu.Rules.Calendar;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Application.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// After province approval (docs/procedure.md, publicity and recognition), for the API and the pages alike: publicity
/// (公示) for the round's number of working days, objections (异议) recorded by officers and resolved by the province
/// (upheld rejects the application), and recognition (认定): a unique certificate number and a recognition added to the
/// enterprise's file. Each is a trigger of the <see cref="Lifecycle"/> table, fired through <see cref="ApplicationService.FireAsync"/>.
/// </summary>
public sealed class PublicityService(TiduDbContext db, ApplicationService applications, EnterpriseRegistry registry, RegionTree regions, TimeProvider clock, IActorSource actors,
    WorkingDayCalendar calendar)
{
    public async Task<Outcome<Decided>> StartAsync(long id, int revision, CancellationToken ct) =>
        await WithAsync(id, a => applications.FireAsync(a, Trigger.Publicize, revision, null, null, (app, _) =>
        {
            if (app.Round.PublicityWorkingDays < 1 || app.Round.ValidityYears < 1)
            {
                // Rounds opened before publicity existed carry no days or years: say so rather than guess a policy number.
                return Task.FromResult<ApplicationService.StepEffect>(Unprocessable("该批次未设置公示天数或认定有效期",
                    $"round {app.RoundId} has no publicity working days or validity years set", "round.publicity-not-set"));
            }
            // Publicity starts on the first working day from today and lasts the round's number of working days, counted by
            // the State Council's holiday arrangements; a period reaching a year without one is refused, not guessed.
            try
            {
                app.PublicityStartsOn = calendar.FirstOnOrAfter(ChinaCalendar.Today(clock));
                app.PublicityEndsOn = calendar.LastOf(app.PublicityStartsOn.Value, app.Round.PublicityWorkingDays);
            }
            catch (CalendarNotCoveredException ex)
            {
                return Task.FromResult<ApplicationService.StepEffect>(Unprocessable(ex.Message, ex.Detail, "calendar.not-covered"));
            }
            return Task.FromResult(ApplicationService.StepEffect.WithReason(
                $"公示 {app.Round.PublicityWorkingDays} 个工作日：{app.PublicityStartsOn:yyyy-MM-dd} 至 {app.PublicityEndsOn:yyyy-MM-dd}"));
        }, ct), ct).ConfigureAwait(false);

    public async Task<Outcome<Decided>> ObjectAsync(long id, string? reason, int revision, CancellationToken ct) =>
        await WithAsync(id, a => applications.FireAsync(a, Trigger.RaiseObjection, revision, reason, null, (app, now) =>
        {
            app.Objections.Add(new ApplicationObjection { Application = app, Reason = reason!.Trim(), RaisedBy = actors.Current.Name, RaisedAt = now });
            return Task.FromResult(ApplicationService.StepEffect.None);
        }, ct), ct).ConfigureAwait(false);

    public async Task<Outcome<Decided>> ResolveAsync(long id, long objectionId, string? outcomeName, string? reason, int revision, CancellationToken ct)
    {
        if (!Enum.TryParse<ObjectionOutcome>(outcomeName, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome))
        {
            return Unprocessable("异议处理结果无效（应为 upheld 或 dismissed）", $"unknown outcome '{outcomeName}': use upheld or dismissed", "objection.unknown-outcome");
        }
        // An upheld objection ends the application; a dismissed one leaves it in publicity.
        var trigger = outcome == ObjectionOutcome.Upheld ? Trigger.UpholdObjection : Trigger.DismissObjection;
        return await WithAsync(id, a => applications.FireAsync(a, trigger, revision, reason, null, (app, now) =>
        {
            var objection = app.Objections.SingleOrDefault(o => o.Id == objectionId);
            if (objection is null)
            {
                return Task.FromResult<ApplicationService.StepEffect>(NotFound("未找到该异议", $"no objection {objectionId} on application {id}", "objection.not-found"));
            }
            if (objection.Outcome is not null)
            {
                return Task.FromResult<ApplicationService.StepEffect>(Conflict("该异议已处理", $"objection {objectionId} is already {objection.Outcome}", "objection.resolved"));
            }
            objection.Outcome = outcome;
            objection.ResolvedBy = actors.Current.Name;
            objection.ResolvedAt = now;
            objection.ResolutionReason = reason!.Trim();
            return Task.FromResult(ApplicationService.StepEffect.None);
        }, ct), ct).ConfigureAwait(false);
    }

    public async Task<Outcome<Decided>> RecognizeAsync(long id, int revision, CancellationToken ct)
    {
        try
        {
            return await WithAsync(id, a => applications.FireAsync(a, Trigger.Recognize, revision, null, null, async (app, _) =>
            {
                var today = ChinaCalendar.Today(clock);
                var round = app.Round;
                var prefix = Domain.Recognitions.CertificateNumber.Prefix(round.RegionCode, round.Tier, today.Year);
                // The sequence continues the tier's numbers of the year; the unique index refuses a number taken by a concurrent recognition.
                var taken = await db.Applications.IgnoreQueryFilters().CountAsync(x => x.CertificateNumber != null && x.CertificateNumber.StartsWith(prefix), ct).ConfigureAwait(false);
                app.CertificateNumber = Domain.Recognitions.CertificateNumber.Of(prefix, taken + 1);
                var enterprise = await registry.FindAsync(app.Enterprise.CreditCode, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"the enterprise of application {app.Id} is not visible in this scope");
                enterprise.Recognitions.Add(new EnterpriseRecognition
                {
                    Tier = round.Tier,
                    RecognizedOn = today,
                    // Valid for the round's number of years, the last day inclusive (as monitoring counts validity).
                    ValidUntil = today.AddYears(round.ValidityYears).AddDays(-1),
                    Issuer = regions.Find(round.RegionCode)?.Name ?? round.RegionCode,
                });
                registry.Reevaluate(enterprise, today);
                // The one way a round issues a recognition: the context refuses a recognition saved without its basis.
                db.RecognitionBasis = $"application:{app.Id}";
                return ApplicationService.StepEffect.WithReason($"证书编号 {app.CertificateNumber}");
            }, ct), ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return Conflict("证书编号刚被占用，请重试", $"a certificate number of application {id} was taken concurrently; nothing was saved, retry", "certificate.taken");
        }
    }

    private async Task<Outcome<Decided>> WithAsync(long id, Func<Application, Task<Outcome<Decided>>> step, CancellationToken ct) =>
        await applications.LoadAsync(id, ct).ConfigureAwait(false) is { } application ? await step(application).ConfigureAwait(false) : ApplicationNotFound(id);
}
