using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using Tidu.Application.Notifications.Email;

namespace Tidu.Web.Notifications.Email;

/// <summary>
/// Sends through an SMTP server with System.Net.Mail: plain-text notices to one address need nothing more, and the
/// framework's client keeps the platform free of another dependency.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var o = options.Value;
        using var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.UseTls, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(o.UserName))
        {
            client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }
        using var mail = new MailMessage(new MailAddress(o.From!, o.FromName, System.Text.Encoding.UTF8), new MailAddress(message.To))
        {
            Subject = message.Subject,
            SubjectEncoding = System.Text.Encoding.UTF8,
            Body = message.Body,
            BodyEncoding = System.Text.Encoding.UTF8,
            IsBodyHtml = false,
        };
        await client.SendMailAsync(mail, ct).ConfigureAwait(false);
    }
}
