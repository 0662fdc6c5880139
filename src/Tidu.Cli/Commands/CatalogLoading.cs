using Tidu.Rules;
using Tidu.Rules.Files;
using Tidu.Rules.Versions;

namespace Tidu.Cli.Commands;

/// <summary>What every <c>tidu rules</c> command does first: load the catalogue and find the rule set asked for.</summary>
internal static class CatalogLoading
{
    public static bool TryLoad(DirectoryInfo? dir, TextWriter stderr, out RuleCatalog catalog)
    {
        try
        {
            catalog = dir is null ? RuleCatalog.LoadDefault() : RuleCatalog.Load(dir.FullName);
            return true;
        }
        catch (RuleLoadException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            catalog = null!;
            return false;
        }
    }

    public static bool TryFind(DirectoryInfo? dir, string id, string? jurisdiction, TextWriter stderr, out RuleSetEntry set)
    {
        set = null!;
        if (!TryLoad(dir, stderr, out var catalog))
        {
            return false;
        }
        if (!catalog.TryFind(id, jurisdiction, out var found, out var error))
        {
            stderr.WriteLine("error: " + error);
            return false;
        }
        set = found!;
        return true;
    }

    /// <summary>The version in force, or an error naming the versions that exist — never another version instead.</summary>
    public static bool TryVersionOn(RuleSetEntry set, DateOnly date, TextWriter stderr, out VersionSnapshot version)
    {
        version = set.VersionOn(date)!;
        if (version is null)
        {
            stderr.WriteLine($"error: no version of rule set '{set.Id}' ({set.Jurisdiction}) is in force on {date:yyyy-MM-dd}; versions: {set.DescribeVersions()}");
            return false;
        }
        return true;
    }
}
