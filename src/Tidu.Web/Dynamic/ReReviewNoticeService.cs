using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Application.Dynamic;
using Tidu.Data;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Web.Security;

namespace Tidu.Web.Dynamic;

/// <summary>
/// Runs the re-review notices at start and then hourly (a notice day is a China date; an hour's delay is harmless and
/// a restart never misses a day). Statuses need no job: they are computed when read.
/// </summary>
public sealed class ReReviewNoticeService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DynamicManagementOptions> options, ILogger<ReReviewNoticeService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (DbUpdateException ex)
            {
                // Another instance sent the same notice first (unique key): nothing is lost, the next run skips it.
                log.LogWarning(ex, "re-review notices raced with another run; retried in an hour");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "re-review notices failed; retried in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = RegionScope.Everything("system:re-review-notices");
        var db = scope.ServiceProvider.GetRequiredService<TiduDbContext>();
        var count = await ReReviewNotices.IssueAsync(db, ChinaCalendar.Today(clock), options.Value, clock.GetUtcNow(), ct).ConfigureAwait(false);
        if (count > 0)
        {
            log.LogInformation("sent re-review notices for {Count} recognitions", count);
        }
        return count;
    }
}
