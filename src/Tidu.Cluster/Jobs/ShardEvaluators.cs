using System.Collections.Concurrent;
using Tidu.Rules;
using Tidu.Rules.Evaluation;

namespace Tidu.Cluster.Jobs;

/// <summary>
/// The rules a silo screens with, loaded once per rules folder (the built-in rules when none is named). A shard is
/// screened only with the rule versions the job's header names: a node whose rule files differ refuses the shard.
/// </summary>
public sealed class ShardEvaluators
{
    private readonly ConcurrentDictionary<string, Lazy<Evaluator>> _loaded = new(StringComparer.Ordinal);

    public Evaluator For(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var evaluator = _loaded.GetOrAdd(spec.RulesDirectory ?? "", dir => new Lazy<Evaluator>(() =>
            new Evaluator(dir.Length == 0 ? RuleLibrary.LoadDefault() : RuleLibrary.Load(dir)))).Value;
        if (!string.Equals(JobSpec.RulesDigestOf(evaluator, spec.AsOf), spec.RulesDigest, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the rules on this node differ from the job's (job {spec.JobId}); every node must screen with the same rule files");
        }
        return evaluator;
    }
}
