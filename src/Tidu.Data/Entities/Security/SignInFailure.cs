namespace Tidu.Data.Entities.Security;

/// <summary>
/// Wrong passwords for one user name from one client address, counted in the database so that every node of the
/// platform counts the same failures and keeps the same wait. An operational record: each failed sign-in is in the
/// security log already.
/// </summary>
public sealed class SignInFailure
{
    /// <summary>The user name in upper case, a separator and the client address.</summary>
    public required string Key { get; set; }

    public int Failures { get; set; }

    /// <summary>Unix milliseconds until which the pair waits; 0 while it does not.</summary>
    public long LockedUntilMs { get; set; }

    /// <summary>Unix milliseconds of the last failure: records older than twice the wait are removed.</summary>
    public long LastFailureMs { get; set; }
}
