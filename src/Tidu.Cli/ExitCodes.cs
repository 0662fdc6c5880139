namespace Tidu.Cli;

/// <summary>Process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Every record was valid and evaluated.</summary>
    public const int Ok = 0;

    /// <summary>Some records were invalid (reported on stderr and skipped); the valid ones were evaluated.</summary>
    public const int InvalidRecords = 1;

    /// <summary>Nothing could be evaluated: bad arguments, unreadable file, rule files that fail to load, no rules in force on the date.</summary>
    public const int Failure = 2;

    /// <summary>tidu audit verify: the audit hash chain is broken (the first broken entry is reported).</summary>
    public const int AuditChainBroken = 3;
}
