namespace Tidu.Application.Notifications.Email;

/// <summary>One e-mail to one address.</summary>
public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>Sends one e-mail; throws when the server refuses it (the dispatcher records and retries).</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}
