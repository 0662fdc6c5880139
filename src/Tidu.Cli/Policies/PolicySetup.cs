using Tidu.Cli.Output;
using Tidu.Domain.Projects;
using Tidu.Domain.Regions;
using Tidu.Rules.Files;
using Tidu.Rules.Policies;
using Tidu.Rules.Reforms;

namespace Tidu.Cli.Policies;

/// <summary>What match and simulate load besides the tier rules: the policy catalogue, the projects file, the region filter.</summary>
internal static class PolicySetup
{
    public static bool TryLoadCatalog(DirectoryInfo? rulesDir, Reform? reform, TextWriter stderr, out PolicyCatalog catalog)
    {
        try
        {
            catalog = PolicyCatalog.Load(rulesDir?.FullName ?? Tidu.Rules.RuleLibrary.DefaultDirectory, reform);
            return true;
        }
        catch (RuleLoadException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            catalog = null!;
            return false;
        }
    }

    /// <summary>Projects by credit code; invalid projects are reported and skipped (counted in <paramref name="invalid"/>).</summary>
    public static bool TryLoadProjects(FileInfo? file, TextWriter stderr, out Dictionary<string, IReadOnlyList<Project>> projects, out int invalid)
    {
        projects = new(StringComparer.Ordinal);
        invalid = 0;
        if (file is null)
        {
            return true;
        }
        try
        {
            using var reader = new StreamReader(file.FullName);
            var (list, errors) = ProjectReader.Read(reader);
            foreach (var e in errors)
            {
                stderr.WriteLine($"invalid project {e}");
            }
            invalid = errors.Count;
            projects = SimulationSetup.ProjectsByEnterprise(list);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read {file.FullName}: {SystemErrors.Describe(ex)}");
            return false;
        }
    }

    /// <summary>A region filter must name a region of the shipped tree (a 6-digit code or a 2/4-digit prefix of one).</summary>
    public static bool TryCheckRegion(string? region, TextWriter stderr)
    {
        if (region is null || RegionTree.Shipped.All.Any(r => RegionTree.Shipped.MatchesFilter(r.Code, region)))
        {
            return true;
        }
        stderr.WriteLine($"error: --jurisdiction '{region}' is not a region of data/regions.csv (a 6-digit code, or 2/4 digits for a province/city)");
        return false;
    }
}
