using Tidu.Domain.Projects;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Files;
using Tidu.Rules.Model;
using Tidu.Rules.Policies;

namespace Tidu.Rules.Reforms;

/// <summary>
/// A reform simulation's two sides loaded from their files: the baseline as given, the reform applied to the same rule
/// files and policy catalogue. <c>tidu simulate</c> loads it once; every node of <c>tidu cluster simulate</c> loads it
/// for its shards from the same files, so every shard compares with the same simulator.
/// </summary>
public sealed record SimulationSetup(Reform Reform, RuleLibrary ReformedRules, PolicyCatalog ReformedCatalog, Simulator Simulator)
{
    /// <summary>Loads the reform of <paramref name="reformPath"/> against the rules of <paramref name="rulesDirectory"/> (the built-in ones when null).</summary>
    /// <exception cref="SimulationSetupException">The reform cannot be applied, or is not in force on <paramref name="asOf"/>.</exception>
    public static SimulationSetup Load(Evaluator baseline, PolicyCatalog baselineCatalog, string? rulesDirectory, string reformPath, DateOnly asOf,
        IReadOnlyDictionary<string, IReadOnlyList<Project>> projects)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        Reform reform;
        RuleLibrary reformedRules;
        PolicyCatalog reformedCatalog;
        try
        {
            reform = Reform.Load(reformPath);
            var dir = rulesDirectory ?? RuleLibrary.DefaultDirectory;
            reformedRules = RuleLibrary.Load(dir, reform);
            reformedCatalog = PolicyCatalog.Load(dir, reform);
            if (reform.Unapplied() is { Count: > 0 } unapplied)
            {
                throw new RuleLoadException(unapplied);
            }
        }
        catch (RuleLoadException ex)
        {
            throw new SimulationSetupException("the reform cannot be applied: " + ex.Message);
        }
        if (asOf < reform.EffectiveFrom)
        {
            throw new SimulationSetupException($"the reform takes effect on {reform.EffectiveFrom:yyyy-MM-dd}; --as-of {asOf:yyyy-MM-dd} is before it");
        }
        var reformed = new Evaluator(reformedRules);
        try
        {
            reformed.EnsureInForce(asOf);
        }
        catch (RuleNotInForceException ex)
        {
            throw new SimulationSetupException(ex.Message);
        }
        var simulator = new Simulator(
            new SimulationSide(baseline, new AwardCalculator(baselineCatalog, RegionTree.Shipped)),
            new SimulationSide(reformed, new AwardCalculator(reformedCatalog, RegionTree.Shipped)),
            projects);
        return new SimulationSetup(reform, reformedRules, reformedCatalog, simulator);
    }

    /// <summary>Projects by the credit code of the enterprise they belong to.</summary>
    public static Dictionary<string, IReadOnlyList<Project>> ProjectsByEnterprise(IEnumerable<Project> projects) =>
        projects.GroupBy(p => p.CreditCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<Project>)g.ToList(), StringComparer.Ordinal);
}

/// <summary>A simulation that cannot be set up; the message says why, in the words the command prints after "error: ".</summary>
public sealed class SimulationSetupException(string message) : Exception(message);
