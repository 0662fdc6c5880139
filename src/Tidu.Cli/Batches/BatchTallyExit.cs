using Tidu.Rules.Batches;

namespace Tidu.Cli.Batches;

/// <summary>The exit code of a command that answered record by record.</summary>
internal static class BatchTallyExit
{
    extension(BatchTally tally)
    {
        /// <summary>1 when a record was invalid or failed (the others have results), else 0.</summary>
        public int ExitCode => tally.Incomplete ? ExitCodes.InvalidRecords : ExitCodes.Ok;
    }
}
