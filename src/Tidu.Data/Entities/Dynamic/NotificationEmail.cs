namespace Tidu.Data.Entities.Dynamic;

/// <summary>
/// The e-mail copy of one notification to one user (optional delivery). One row per notification and
/// user, so a notice is never mailed twice to the same person; the row records each attempt, so a failing mail server
/// is retried later and never touches the notice itself (which stays in the inbox whatever happens here).
/// </summary>
public sealed class NotificationEmail
{
    public long Id { get; set; }
    public long NotificationId { get; set; }
    public Notification Notification { get; set; } = null!;
    public required string UserName { get; set; }
    public required string Address { get; set; }

    /// <summary><see cref="NotificationEmailStates"/>: pending (to send or retry), sent, or failed (gave up).</summary>
    public required string State { get; set; }

    /// <summary>How many sends were started. Also the concurrency token: a dispatcher claims a row by raising it.</summary>
    public int Attempts { get; set; }

    /// <summary>When the row may be (re)tried; after a claim, the lease after which a crashed send is tried again.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure, in English, as logged.</summary>
    public string? LastError { get; set; }
}

public static class NotificationEmailStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}
