using Tidu.Domain.Exchange;
using Tidu.Rules.Batches;
using Tidu.Rules.Screening;

namespace Tidu.Rules.Gaps;

/// <summary>
/// Gap lists as a job's shard work: the record loop and lines of <c>tidu gap</c> (JSON Lines), its stderr lines as the
/// shard's errors and its counts, records located as in the whole file.
/// </summary>
public sealed class GapShardWork(GapAnalyzer analyzer, DateOnly asOf, GapQuestion question) : IShardWork
{
    public long Run(Stream input, JobShard shard, Stream results, Stream errors, Stream counts) =>
        ProfileBatch.RunShard(input, shard, results, errors, counts, p => question.Ask(analyzer, p, asOf).Select(GapJsonWriter.Line).ToList(), (w, lines) =>
        {
            foreach (var line in lines)
            {
                w.WriteLine(line);
            }
        });
}
