using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tidu.Web.Security;

/// <summary>Sign-in failure limits (appsettings "SignIn").</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Wrong passwords for one user name from one address before that pair waits.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long the pair waits.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 24 * 60)]
    public int LockMinutes { get; set; } = 15;
}

/// <summary>
/// Failed sign-ins counted per user name and client address, not per account: five wrong passwords from one address
/// make that address wait for that name, while the account's owner signs in from their own address — nobody who
/// merely knows a user name can keep the account closed. Unknown names are counted exactly like known ones (no
/// oracle). Guessing from many addresses is slowed by the per-address rate limit on the sign-in page. Kept in memory
/// per node and bounded.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IOptions<SignInOptions> options)
{
    private const int MaxTracked = 100_000;

    private sealed record Entry(int Failures, DateTimeOffset LockedUntil, DateTimeOffset LastFailure);

    private readonly ConcurrentDictionary<(string User, string Address), Entry> _entries = new();

    public bool IsLocked(string userName, string address) =>
        _entries.TryGetValue(Key(userName, address), out var e) && e.LockedUntil > clock.GetUtcNow();

    public void Failed(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        if (_entries.Count >= MaxTracked)
        {
            Prune(now);
        }
        _entries.AddOrUpdate(Key(userName, address),
            _ => new Entry(1, o.MaxFailures <= 1 ? now.AddMinutes(o.LockMinutes) : DateTimeOffset.MinValue, now),
            (_, e) =>
            {
                // A wait that has run out starts a new count.
                var failures = e.LockedUntil != DateTimeOffset.MinValue && e.LockedUntil <= now ? 1 : e.Failures + 1;
                return new Entry(failures, failures >= o.MaxFailures ? now.AddMinutes(o.LockMinutes) : DateTimeOffset.MinValue, now);
            });
    }

    public void Succeeded(string userName, string address) => _entries.TryRemove(Key(userName, address), out _);

    private static (string, string) Key(string userName, string address) => (userName.Trim().ToUpperInvariant(), address);

    private void Prune(DateTimeOffset now)
    {
        var horizon = now.AddMinutes(-2 * options.Value.LockMinutes);
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastFailure < horizon)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}
