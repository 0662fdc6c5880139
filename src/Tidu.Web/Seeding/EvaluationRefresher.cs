using Tidu.Application.Screening;

namespace Tidu.Web.Seeding;

/// <summary>Runs <see cref="EvaluationRefresh"/> at start and then hourly (it re-evaluates only when the China date moved on).</summary>
public sealed class EvaluationRefresher(EvaluationRefresh refresh, TimeProvider clock, ILogger<EvaluationRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await refresh.RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "re-evaluation failed; it will be retried in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
