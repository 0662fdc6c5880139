using Microsoft.Extensions.Options;
using Tidu.Application.Service;

namespace Tidu.Web.Service;

/// <summary>
/// The background check: escalates overdue requests every <see cref="ServiceOptions.EscalationCheckMinutes"/> minutes of
/// the app's clock (0 turns it off; reads still escalate).
/// </summary>
public sealed class RequestEscalationService(RequestEscalator escalator, TimeProvider clock, IOptions<ServiceOptions> options, ILogger<RequestEscalationService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.EscalationCheckMinutes <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.EscalationCheckMinutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var n = await escalator.EscalateOverdueAsync(stoppingToken).ConfigureAwait(false);
                if (n > 0)
                {
                    log.LogInformation("Escalated {Count} overdue requests", n);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "The overdue request check failed; it runs again at the next tick");
            }
        }
    }
}
