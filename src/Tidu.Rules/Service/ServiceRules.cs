using Tidu.Domain.Regions;
using Tidu.Rules.Files;
using Tidu.Rules.Model;
using Tidu.Rules.Policies;

namespace Tidu.Rules.Service;

/// <summary>
/// The service rules: every file under <c>rules/service/</c> — who equips which enterprise with a commissioner
/// (kind <c>commissioner-assignment</c>, one file per document and jurisdiction, dated versions, cited clauses)
/// and the request categories (kind <c>request-categories</c>, exactly one file). Loaded as strictly as the tier
/// rules: unknown keys, missing citations, bad dates, unknown levels or tiers fail with file:line, all at once.
/// </summary>
public sealed class ServiceRules
{
    /// <summary>The sub-folder of the rules folder that holds service files (skipped by the tier loader).</summary>
    public const string Folder = "service";

    /// <summary>Levels of government that equip enterprises, highest first.</summary>
    public static readonly IReadOnlyList<string> Levels = ["province", "city", "county"];

    private ServiceRules(IReadOnlyList<CommissionerDocument> documents, IReadOnlyList<RequestCategory> categories)
    {
        Documents = documents;
        Categories = categories;
    }

    public IReadOnlyList<CommissionerDocument> Documents { get; }
    public IReadOnlyList<RequestCategory> Categories { get; }

    public static ServiceRules LoadDefault(IEnumerable<string>? knownTiers = null) => Load(RuleLibrary.DefaultDirectory, knownTiers);

    /// <summary>
    /// Loads <paramref name="rulesDirectory"/>/service. <paramref name="knownTiers"/>, when given, is the set of
    /// tier ids a clause may name (the tier rules' ids), so a misspelt tier fails loading instead of matching nobody.
    /// </summary>
    public static ServiceRules Load(string rulesDirectory, IEnumerable<string>? knownTiers = null)
    {
        var errors = new List<RuleLoadError>();
        var tiers = knownTiers?.ToHashSet(StringComparer.Ordinal);
        var folder = Path.Combine(rulesDirectory, Folder);
        var documents = new List<CommissionerDocument>();
        List<RequestCategory>? categories = null;
        if (Directory.Exists(folder))
        {
            var files = Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => (Path: path, Name: Path.GetRelativePath(rulesDirectory, path).Replace('\\', '/')));
            foreach (var (path, name) in files)
            {
                if (RuleFileReader.Read<ServiceFileDto>(path, name, errors) is not { } dto)
                {
                    continue;
                }
                var compiler = new ServiceCompiler(name, errors, tiers);
                switch (dto.Kind)
                {
                    case "commissioner-assignment":
                        if (compiler.Document(dto) is { } doc)
                        {
                            documents.Add(doc);
                        }
                        break;
                    case "request-categories":
                        if (categories is not null)
                        {
                            errors.Add(new RuleLoadError(name, dto.Line, "request categories are defined in more than one file"));
                        }
                        categories = compiler.Categories(dto);
                        break;
                    default:
                        errors.Add(new RuleLoadError(name, dto.Line, $"'kind' must be commissioner-assignment or request-categories in the service folder, got '{dto.Kind}'"));
                        break;
                }
            }
        }
        foreach (var g in documents.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new RuleLoadError(g.Last().SourceFile, 1, $"'{g.Key}' is defined twice (also in {g.First().SourceFile})"));
        }
        var clauseOwners = documents.SelectMany(d => d.Versions.SelectMany(v => v.Clauses).Select(c => (c.Id, d.Id)).Distinct())
            .GroupBy(x => x.Item1, StringComparer.Ordinal).Where(g => g.Count() > 1);
        foreach (var g in clauseOwners)
        {
            errors.Add(new RuleLoadError(Folder, 0, $"clause id '{g.Key}' is used by {string.Join(" and ", g.Select(x => x.Item2))}"));
        }
        if (errors.Count > 0)
        {
            throw new RuleLoadException(errors);
        }
        return new ServiceRules(documents, categories ?? []);
    }

    /// <summary>The commissioner clauses in force on <paramref name="asOf"/> for an enterprise registered in <paramref name="regionCode"/>.</summary>
    public IReadOnlyList<CommissionerClause> ClausesInForce(string regionCode, DateOnly asOf, RegionTree regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return Documents
            .Where(d => PolicyCatalog.Covers(d.Jurisdiction, regionCode, regions))
            .Select(d => d.VersionOn(asOf))
            .Where(v => v is not null)
            .SelectMany(v => v!.Clauses)
            .ToList();
    }

    /// <summary>
    /// Which level must equip an enterprise in <paramref name="regionCode"/> holding the valid recognitions
    /// <paramref name="validTiers"/> on <paramref name="asOf"/>; null when no clause asks for a commissioner.
    /// </summary>
    public CommissionerRequirement? Requirement(string regionCode, IEnumerable<string> validTiers, DateOnly asOf, RegionTree regions)
    {
        var held = validTiers.ToHashSet(StringComparer.Ordinal);
        // Highest level first; at the same level the most local document decides (a province's own rule before the
        // national list's, which leaves the level to the localities).
        var specificity = Documents.ToDictionary(d => d.Id, d => Jurisdiction.Specificity(d.Jurisdiction), StringComparer.Ordinal);
        var applying = ClausesInForce(regionCode, asOf, regions)
            .Where(c => c.Tiers.Any(held.Contains))
            .OrderBy(c => Rank(c.Level))
            .ThenByDescending(c => specificity.GetValueOrDefault(c.DocumentId))
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        if (applying.Count == 0)
        {
            return null;
        }
        var matched = applying.SelectMany(c => c.Tiers).Where(held.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new CommissionerRequirement(applying[0].Level, applying[0], applying, matched);
    }

    /// <summary>Position in <see cref="Levels"/> (0 = province, the highest).</summary>
    public static int Rank(string level)
    {
        var i = Levels.ToList().IndexOf(level);
        return i < 0 ? int.MaxValue : i;
    }

    public RequestCategory? Category(string id) => Categories.FirstOrDefault(c => c.Id == id);
}
