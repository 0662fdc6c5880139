using Tidu.Rules.Screening;

namespace Tidu.Cluster.Screening;

/// <summary>
/// Screens one shard with the same pipeline as <c>tidu screen</c>, on this silo's cores, into the job's folder. The
/// work runs off the grain scheduler (it is minutes of CPU, not a grain turn); its files appear whole or not at all, so
/// a run cut short by the silo's death leaves nothing a later run could be confused by.
/// </summary>
public sealed class ScreenShardGrain(ScreenEvaluators evaluators, ILocalSiloDetails silo, IEnumerable<IShardStartObserver> observers) : Grain, IScreenShardGrain
{
    public async Task<long> RunAsync(ScreenJobSpec spec, int index)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var observer in observers)
        {
            await observer.StartingAsync(spec.JobId, index, silo.SiloAddress).ConfigureAwait(true);
        }
        return await Task.Run(() =>
        {
            var directory = new ScreenJobDirectory(spec.WorkDirectory);
            var shard = directory.LoadOrPlan(spec.InputPath, spec.ShardBytes)[index];
            var pipeline = new ScreenPipeline(evaluators.For(spec), spec.AsOf, spec.Explain);
            return directory.RunShard(pipeline, spec.InputPath, shard);
        }).ConfigureAwait(true);
    }
}
