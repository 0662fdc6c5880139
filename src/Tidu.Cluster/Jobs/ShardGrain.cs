using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Reforms;
using Tidu.Rules.Screening;

namespace Tidu.Cluster.Jobs;

/// <summary>
/// Runs one shard with the job's work — the pipeline of <c>tidu screen</c>, the record loop of <c>tidu evaluate</c> or <c>tidu gap</c>, or the simulation of <c>tidu simulate</c> — on this silo's cores, into the job's folder. The
/// work runs off the grain scheduler (it is minutes of CPU, not a grain turn); its files appear whole or not at all, so
/// a run cut short by the silo's death leaves nothing a later run could be confused by.
/// </summary>
public sealed class ShardGrain(ShardEvaluators evaluators, ShardSimulations simulations, ILocalSiloDetails silo, IEnumerable<IShardStartObserver> observers) : Grain, IShardGrain
{
    public async Task<long> RunAsync(JobSpec spec, int index)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var observer in observers)
        {
            await observer.StartingAsync(spec.JobId, index, silo.SiloAddress).ConfigureAwait(true);
        }
        return await Task.Run(() =>
        {
            var directory = new JobDirectory(spec.WorkDirectory);
            var shard = directory.LoadOrPlan(spec.InputPath, spec.ShardBytes)[index];
            var evaluator = evaluators.For(spec);
            IShardWork work = spec.Work switch
            {
                JobSpec.ScreenWork => new ScreenShardWork(new ScreenPipeline(evaluator, spec.AsOf, spec.Explain)),
                JobSpec.EvaluateWork => new EvaluateShardWork(evaluator, spec.AsOf, spec.Explain),
                JobSpec.SimulateWork => new SimulateShardWork(simulations.For(spec)),
                JobSpec.GapWork => new GapShardWork(new GapAnalyzer(evaluator), spec.AsOf, new GapQuestion(spec.GapTier, spec.GapNext)),
                _ => throw new InvalidOperationException($"job {spec.JobId}: this node does not know the work '{spec.Work}'"),
            };
            return directory.RunShard(work, spec.InputPath, shard);
        }).ConfigureAwait(true);
    }
}
