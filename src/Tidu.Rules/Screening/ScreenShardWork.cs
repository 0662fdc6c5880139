using System.Globalization;

namespace Tidu.Rules.Screening;

/// <summary>Screening as a job's shard work: the pipeline of <c>tidu screen</c>; its counts carry the log lines.</summary>
public sealed class ScreenShardWork(ScreenPipeline pipeline) : IShardWork
{
    public long Run(Stream input, JobShard shard, Stream results, Stream errors, Stream counts)
    {
        var log = new StringWriter(CultureInfo.InvariantCulture);
        var summary = pipeline.Run(input, results, errors, _ => { }, log, shard);
        ScreenSummaryJson.Write(counts, summary, log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return summary.Records;
    }
}
