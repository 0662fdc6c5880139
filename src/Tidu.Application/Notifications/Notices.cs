using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;

namespace Tidu.Application.Notifications;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>Adds notices to the pending save, so a notice exists exactly when the step it reports was saved.</summary>
public static class Notices
{
    public static Notification Add(TiduDbContext db, DateTimeOffset at, string kind, Recipient to, Enterprise? about, string title, string body, string? link, string? key = null, Data.Entities.Workflow.Application? application = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(to);
        var n = new Notification
        {
            Kind = kind,
            RecipientUserName = to.UserName,
            RecipientRole = to.Role,
            RecipientRegionCode = to.RegionCode,
            RecipientCreditCode = to.CreditCode,
            EnterpriseId = about?.Id,
            Enterprise = about,
            Title = Cut(title, 200),
            Body = Cut(body, 2000),
            Link = link,
            Application = application,
            CreatedAt = at,
            Key = key,
        };
        db.Notifications.Add(n);
        return n;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
