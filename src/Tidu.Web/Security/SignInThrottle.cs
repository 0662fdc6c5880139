using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;

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
/// oracle). Guessing from many addresses is slowed by the per-address rate limit on the sign-in page. Counted in the
/// database, so every node of the platform sees the same failures and keeps the same wait; each failure is one
/// atomic upsert (the same SQL on SQLite and PostgreSQL), so failures sent to several nodes at once are all counted.
/// </summary>
public sealed class SignInThrottle(TiduDbContext db, TimeProvider clock, IOptions<SignInOptions> options)
{
    private const int MaxTracked = 100_000;

    public Task<bool> IsLockedAsync(string userName, string address, CancellationToken ct)
    {
        var key = Key(userName, address);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return db.SignInFailures.AnyAsync(f => f.Key == key && f.LockedUntilMs > now, ct);
    }

    public async Task FailedAsync(string userName, string address, CancellationToken ct)
    {
        var key = Key(userName, address);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var o = options.Value;
        var wait = (long)o.LockMinutes * 60_000;
        var firstLock = o.MaxFailures <= 1 ? now + wait : 0;
        // Bounded: past the limit, records whose failures lie twice the wait in the past (they tell nothing any more) go.
        if (await db.SignInFailures.OrderBy(f => f.Key).Skip(MaxTracked).AnyAsync(ct).ConfigureAwait(false))
        {
            var horizon = now - (2 * wait);
            await db.SignInFailures.Where(f => f.LastFailureMs < horizon).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        }
        // A wait that has run out starts a new count. Every right-hand side reads the row as it was before the update.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "SignInFailures" ("Key", "Failures", "LockedUntilMs", "LastFailureMs") VALUES ({key}, 1, {firstLock}, {now})
            ON CONFLICT ("Key") DO UPDATE SET
              "Failures" = CASE WHEN "SignInFailures"."LockedUntilMs" <> 0 AND "SignInFailures"."LockedUntilMs" <= {now} THEN 1 ELSE "SignInFailures"."Failures" + 1 END,
              "LockedUntilMs" = CASE WHEN (CASE WHEN "SignInFailures"."LockedUntilMs" <> 0 AND "SignInFailures"."LockedUntilMs" <= {now} THEN 1 ELSE "SignInFailures"."Failures" + 1 END) >= {o.MaxFailures}
                THEN {now + wait} ELSE 0 END,
              "LastFailureMs" = {now}
            """, ct).ConfigureAwait(false);
    }

    public Task SucceededAsync(string userName, string address, CancellationToken ct)
    {
        var key = Key(userName, address);
        return db.SignInFailures.Where(f => f.Key == key).ExecuteDeleteAsync(ct);
    }

    private static string Key(string userName, string address) => userName.Trim().ToUpperInvariant() + "|" + address;
}
