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
    public long Run(Stream input, JobShard shard, Stream results, Stream errors, Stream counts)
    {
        using var lines = new EvaluationLines(checks);
        return ProfileBatch.RunShard(input, shard, results, errors, counts, p => lines.Of(evaluator.Evaluate(p, asOf, explain: checks)), (w, line) => w.WriteLine(line));
    }
}
