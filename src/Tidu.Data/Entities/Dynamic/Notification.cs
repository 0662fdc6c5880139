namespace Tidu.Data.Entities.Dynamic;

/// <summary>
/// A message inside the platform for one actor: a named user, or everyone of a role acting for one region (an
/// officer queue, e.g. the county officers of 330102), or the users of one enterprise (role enterprise + credit code).
/// Created with each workflow step in the same save as the step. <see cref="Key"/>, when set, makes a notice unique
/// (a re-review notice is sent once per recognition and expiry date).
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string Kind { get; set; }

    public string? RecipientUserName { get; set; }
    public string? RecipientRole { get; set; }
    public string? RecipientRegionCode { get; set; }
    public string? RecipientCreditCode { get; set; }

    /// <summary>The enterprise the notice is about, if any: the region scope applies to it.</summary>
    public long? EnterpriseId { get; set; }

    public Enterprise? Enterprise { get; set; }

    /// <summary>The application the notice is about, if any (its id is known only after the save, so it is a reference).</summary>
    public long? ApplicationId { get; set; }

    public Workflow.Application? Application { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }

    /// <summary>Where the recipient acts on it (a page or API address); for an application, its API address when read.</summary>
    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string? Key { get; set; }

    /// <summary>When the e-mail dispatcher turned this notice into one <see cref="NotificationEmail"/> per recipient (null: not yet, or e-mail off).</summary>
    public DateTimeOffset? EmailQueuedAt { get; set; }
}

/// <summary>That one user has read one notification (a role's notice is read per user, not once for all).</summary>
public sealed class NotificationRead
{
    public long NotificationId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}
