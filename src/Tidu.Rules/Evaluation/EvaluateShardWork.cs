using System.Text;
using Tidu.Domain.Exchange;
using Tidu.Rules.Batches;
using Tidu.Rules.Screening;

namespace Tidu.Rules.Evaluation;

/// <summary>
/// Bulk evaluation as a job's shard work: the record loop and result lines of <c>tidu evaluate</c> (JSON Lines, without
/// the header the assembled file starts with), its stderr lines as the shard's errors and its counts, records located
/// as in the whole file.
/// </summary>
public sealed class EvaluateShardWork(Evaluator evaluator, DateOnly asOf, bool checks) : IShardWork
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public long Run(Stream input, ScreenShard shard, Stream results, Stream errors, Stream counts)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(counts);
        var records = shard.JsonLines ? ProfileReader.SplitLines(input, shard.FirstLine) : ProfileReader.Split(input);
        BatchTally tally;
        using (var lines = new EvaluationLines(checks))
        using (var stdout = new StreamWriter(results, Utf8, 1 << 16, leaveOpen: true))
        using (var stderr = new StreamWriter(errors, Utf8, 1 << 12, leaveOpen: true))
        {
            tally = ProfileBatch.Run(records, stderr, p => lines.Of(evaluator.Evaluate(p, asOf, explain: checks)), (_, line) => stdout.WriteLine(line));
        }
        tally.WriteJson(counts);
        return tally.Read;
    }
}
