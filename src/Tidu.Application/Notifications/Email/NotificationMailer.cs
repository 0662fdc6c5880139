using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities.Dynamic;

namespace Tidu.Application.Notifications.Email;

/// <summary>What one run of <see cref="NotificationMailer"/> did: copies queued, sent, and failed (to be retried or given up).</summary>
public sealed record MailRun(int Queued, int Sent, int Failed);

/// <summary>
/// Mails new notifications to their recipients when <see cref="EmailOptions.Enabled"/>, as the system. Each run first
/// turns new notices into one delivery row per recipient (<see cref="EmailRecipients"/>), then sends the due rows. A row
/// is claimed (its attempt count raised under optimistic concurrency) before the send, so two runs never send the same
/// copy; a failure is recorded on the row and retried with a growing delay, and never touches the notice, which stays in
/// the inbox. The host schedules the runs.
/// </summary>
public sealed partial class NotificationMailer(ISystemRunner system, IEmailSender sender, TimeProvider clock, IOptions<EmailOptions> options, ILogger<NotificationMailer> log)
{
    public const string Actor = "system:notification-email";

    public async Task<MailRun> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return new MailRun(0, 0, 0);
        }
        return await system.RunAsync(Actor, async services =>
        {
            var db = services.GetRequiredService<TiduDbContext>();
            var queued = await QueueAsync(db, o, ct).ConfigureAwait(false);
            var (sent, failed) = await SendDueAsync(db, o, ct).ConfigureAwait(false);
            return new MailRun(queued, sent, failed);
        }, ct).ConfigureAwait(false);
    }

    private async Task<int> QueueAsync(TiduDbContext db, EmailOptions o, CancellationToken ct)
    {
        var queued = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var batch = await db.Notifications.Where(n => n.EmailQueuedAt == null).OrderBy(n => n.Id).Take(o.BatchSize).ToListAsync(ct).ConfigureAwait(false);
            foreach (var n in batch)
            {
                // Too old (the backlog from before e-mail was switched on) is marked done without mail: it is in the inbox.
                if (now - n.CreatedAt <= o.MaxAge)
                {
                    foreach (var t in await EmailRecipients.ForAsync(db, n, ct).ConfigureAwait(false))
                    {
                        db.NotificationEmails.Add(new NotificationEmail
                        {
                            NotificationId = n.Id,
                            UserName = t.UserName,
                            Address = t.Address,
                            State = NotificationEmailStates.Pending,
                            CreatedAt = now,
                            NextAttemptAt = now,
                        });
                        queued++;
                    }
                }
                n.EmailQueuedAt = now;
            }
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            if (batch.Count < o.BatchSize)
            {
                return queued;
            }
        }
    }

    private async Task<(int Sent, int Failed)> SendDueAsync(TiduDbContext db, EmailOptions o, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Pending rows are few (sent and given-up rows leave the state); the due time is compared here, in memory,
        // because SQLite cannot compare DateTimeOffset values in SQL.
        var pending = await db.NotificationEmails.Include(x => x.Notification).Where(x => x.State == NotificationEmailStates.Pending)
            .OrderBy(x => x.Id).ToListAsync(ct).ConfigureAwait(false);
        int sent = 0, failed = 0;
        foreach (var row in pending.Where(x => x.NextAttemptAt <= now).Take(o.BatchSize))
        {
            if (!await ClaimAsync(db, row, now + o.RetryDelay, ct).ConfigureAwait(false))
            {
                continue;
            }
            try
            {
                await sender.SendAsync(Message(row, o), ct).ConfigureAwait(false);
                row.State = NotificationEmailStates.Sent;
                row.SentAt = clock.GetUtcNow();
                row.LastError = null;
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                row.LastError = ex.Message.Length <= 1000 ? ex.Message : ex.Message[..1000];
                if (row.Attempts >= o.MaxAttempts)
                {
                    row.State = NotificationEmailStates.Failed;
                    GaveUp(log, ex, row.NotificationId, row.UserName, row.Attempts, row.LastError);
                }
                else
                {
                    row.NextAttemptAt = clock.GetUtcNow() + (o.RetryDelay * Math.Pow(2, row.Attempts - 1));
                    WillRetry(log, ex, row.NotificationId, row.UserName, row.Attempts, o.MaxAttempts, row.NextAttemptAt, row.LastError);
                }
            }
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return (sent, failed);
    }

    // Raises the attempt count (the concurrency token) before sending: of two dispatchers, one claims the row and the
    // other skips it. The lease makes a copy whose send crashed the process due again later.
    private async Task<bool> ClaimAsync(TiduDbContext db, NotificationEmail row, DateTimeOffset lease, CancellationToken ct)
    {
        row.Attempts++;
        row.NextAttemptAt = lease;
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(row).State = EntityState.Detached;
            ClaimedElsewhere(log, row.Id);
            return false;
        }
    }

    private static EmailMessage Message(NotificationEmail row, EmailOptions o)
    {
        var n = row.Notification;
        var where = string.IsNullOrWhiteSpace(o.BaseUrl) ? "请登录梯度平台查看站内消息。" : $"请登录梯度平台查看站内消息：{o.BaseUrl.TrimEnd('/')}/Notifications";
        return new EmailMessage(row.Address, $"【梯度平台】{n.Title}", $"{n.Body}\n\n{where}\n（本邮件由系统自动发送，请勿直接回复。）");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gave up e-mailing notification {NotificationId} to {UserName} after {Attempts} attempts: {Error}")]
    private static partial void GaveUp(ILogger logger, Exception ex, long notificationId, string userName, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "e-mailing notification {NotificationId} to {UserName} failed (attempt {Attempts} of {Max}), retried at {Next}: {Error}")]
    private static partial void WillRetry(ILogger logger, Exception ex, long notificationId, string userName, int attempts, int max, DateTimeOffset next, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "notification e-mail {Id} was claimed by another run")]
    private static partial void ClaimedElsewhere(ILogger logger, long id);
}
