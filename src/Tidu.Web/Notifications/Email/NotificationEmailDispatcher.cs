using Microsoft.Extensions.Options;
using Tidu.Application.Notifications.Email;

namespace Tidu.Web.Notifications.Email;

/// <summary>
/// Schedules the e-mail copies of notifications (<see cref="NotificationMailer"/>): a run at start and every
/// <see cref="EmailOptions.PollInterval"/> of the app's clock, when e-mail is enabled.
/// </summary>
public sealed class NotificationEmailDispatcher(NotificationMailer mailer, TimeProvider clock, IOptions<EmailOptions> options, ILogger<NotificationEmailDispatcher> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            log.LogInformation("e-mail notifications are off (Notifications:Email:Enabled is false)");
            return;
        }
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                await mailer.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "e-mail notification run failed; retried at the next poll");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
