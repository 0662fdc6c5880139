namespace Tidu.Rules.Screening;

/// <summary>
/// What a job does with each shard of its file (screening, gap lists): reads the shard's records, writes their results,
/// their errors and the shard's counts. The same shard must give the same bytes every time it is run, so a shard run
/// again (its node died) or by two nodes at once changes nothing.
/// </summary>
public interface IShardWork
{
    /// <summary>Works through <paramref name="input"/> (the shard's bytes); returns the number of records read.</summary>
    long Run(Stream input, JobShard shard, Stream results, Stream errors, Stream counts);
}
