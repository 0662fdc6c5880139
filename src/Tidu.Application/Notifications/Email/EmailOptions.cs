using System.ComponentModel.DataAnnotations;

namespace Tidu.Application.Notifications.Email;

/// <summary>
/// Optional e-mail copies of notifications (appsettings "Notifications:Email"). Off unless enabled. The SMTP password
/// is never in the repository: set it with user-secrets or the environment (<c>Notifications__Email__Password</c>).
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Notifications:Email";

    public bool Enabled { get; set; }

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>STARTTLS (or TLS) to the server; only a local relay should ever run without it.</summary>
    public bool UseTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. noreply@tidu.example.</summary>
    public string? From { get; set; }

    public string FromName { get; set; } = "梯度平台";

    /// <summary>Shown in the mail as where to read the notice, e.g. https://tidu.example (links are relative to it).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How often new notices are looked for and due retries sent.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wait before the first retry of a failed send; doubled after each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a copy is given up (the notice stays in the inbox regardless).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Notices older than this are not mailed: switching e-mail on does not flood users with the backlog.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);

    [Range(1, 10000)]
    public int BatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult("Notifications:Email:Host is required when e-mail is enabled", [nameof(Host)]);
        }
        if (Enabled && string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult("Notifications:Email:From is required when e-mail is enabled", [nameof(From)]);
        }
    }
}
