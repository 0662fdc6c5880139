using Microsoft.EntityFrameworkCore;
using Tidu.Application.Dynamic;

namespace Tidu.Web.Dynamic;

/// <summary>
/// Runs the re-review notices (<see cref="ReReviewNoticeIssuer"/>) at start and then hourly (a notice day is a China
/// date; an hour's delay is harmless and a restart never misses a day). Statuses need no job: they are computed when read.
/// </summary>
public sealed class ReReviewNoticeService(ReReviewNoticeIssuer notices, TimeProvider clock, ILogger<ReReviewNoticeService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                var count = await notices.IssueDueAsync(stoppingToken).ConfigureAwait(false);
                if (count > 0)
                {
                    log.LogInformation("sent re-review notices for {Count} recognitions", count);
                }
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
}
