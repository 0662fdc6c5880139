using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Web.Security;

namespace Tidu.Web.Seeding;

/// <summary>
/// Keeps stored evaluations dated today: a rule version can come into force or a recognition expire overnight,
/// and screening lists read the stored outcome. Checks hourly; re-evaluates only when the China date moved on.
/// </summary>
public sealed class EvaluationRefresher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EvaluationRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "re-evaluation failed; it will be retried in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = RegionScope.Everything("system:daily-evaluation");
        var db = scope.ServiceProvider.GetRequiredService<TiduDbContext>();
        var today = ChinaCalendar.Today(clock);
        if (!await db.Enterprises.AnyAsync(e => e.Evaluation == null || e.Evaluation.AsOf != today, ct).ConfigureAwait(false))
        {
            log.LogInformation("evaluations are current as of {Date}", today);
            return 0;
        }
        var failed = 0;
        var count = await scope.ServiceProvider.GetRequiredService<EnterpriseRegistry>().ReevaluateAsync(today, f =>
        {
            failed++;
            log.LogError("re-evaluation of {Record} ({CreditCode}) failed: {Reason}; its stored evaluation is kept", f.Record, f.CreditCode, f.Reason);
        }, ct).ConfigureAwait(false);
        log.LogInformation("re-evaluated {Count} enterprises as of {Date}, {Failed} failed", count, today, failed);
        return count;
    }
}
