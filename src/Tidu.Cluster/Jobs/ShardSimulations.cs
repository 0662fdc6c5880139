using Tidu.Domain.Projects;
using Tidu.Rules;
using Tidu.Rules.Policies;
using Tidu.Rules.Reforms;

namespace Tidu.Cluster.Jobs;

/// <summary>
/// The simulator a silo runs a simulation job's shards with: loaded from the job's files once for the job it last ran
/// (a job's shards come one after the other), with the rules the job's header names and the reform and projects the
/// job was submitted with — a node that reads different files refuses the shard.
/// </summary>
public sealed class ShardSimulations(ShardEvaluators evaluators)
{
    private readonly Lock _gate = new();
    private (string JobId, Lazy<SimulationSetup> Setup)? _last;

    public SimulatePipeline For(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var baseline = evaluators.For(spec);
        if (spec.ReformPath is null
            || !string.Equals(JobSpec.SimulationDigestOf(spec.ReformPath, spec.ProjectsPath), spec.SimulationDigest, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the reform or projects file on this node differs from the job's (job {spec.JobId}); every node must read the same files");
        }
        Lazy<SimulationSetup> setup;
        lock (_gate)
        {
            if (_last is not { } last || !string.Equals(last.JobId, spec.JobId, StringComparison.Ordinal))
            {
                last = (spec.JobId, new Lazy<SimulationSetup>(() =>
                {
                    var catalog = PolicyCatalog.Load(spec.RulesDirectory ?? RuleLibrary.DefaultDirectory);
                    return SimulationSetup.Load(baseline, catalog, spec.RulesDirectory, spec.ReformPath, spec.AsOf, Projects(spec.ProjectsPath));
                }));
                _last = last;
            }
            setup = last.Setup;
        }
        return new SimulatePipeline(setup.Value.Simulator, spec.AsOf, spec.Jurisdiction);
    }

    /// <summary>The valid projects of the file (the submitting command reported the invalid ones).</summary>
    private static Dictionary<string, IReadOnlyList<Project>> Projects(string? path)
    {
        if (path is null)
        {
            return new(StringComparer.Ordinal);
        }
        using var reader = new StreamReader(path);
        return SimulationSetup.ProjectsByEnterprise(ProjectReader.Read(reader).Projects);
    }
}
