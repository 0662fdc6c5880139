using Tidu.Domain.Regions;
using Tidu.Rules.Files;
using Tidu.Rules.Reforms;

namespace Tidu.Rules.Policies;

/// <summary>
/// The support-policy catalogue: every file under <c>rules/policies/</c>, loaded in ordinal path order, strictly
/// (unknown keys, missing citations, bad formulas and dates fail loading with file and line, all at once).
/// Kept apart from <see cref="RuleLibrary"/>, which skips this folder: tiers decide who qualifies, policies what
/// a qualified enterprise can claim.
/// </summary>
public sealed class PolicyCatalog
{
    /// <summary>The sub-folder of the rules folder that holds policy files.</summary>
    public const string Folder = "policies";

    private PolicyCatalog(IReadOnlyList<PolicyDocument> documents) => Documents = documents;

    public IReadOnlyList<PolicyDocument> Documents { get; }

    public static PolicyCatalog LoadDefault() => Load(RuleLibrary.DefaultDirectory);

    /// <summary>Loads <paramref name="rulesDirectory"/>/policies; a missing folder is an empty catalogue.</summary>
    public static PolicyCatalog Load(string rulesDirectory, Reform? reform = null)
    {
        var errors = new List<RuleLoadError>();
        var folder = Path.Combine(rulesDirectory, Folder);
        var documents = new List<PolicyDocument>();
        if (Directory.Exists(folder))
        {
            var files = Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => (Path: path, Name: Path.GetRelativePath(rulesDirectory, path).Replace('\\', '/')));
            foreach (var (path, name) in files)
            {
                if (RuleFileReader.Read<PolicyFileDto>(path, name, errors) is { } dto)
                {
                    reform?.ApplyTo(dto.Id, dto.Versions, name, errors);
                    if (new PolicyCompiler(name, errors).Document(dto) is { } doc)
                    {
                        documents.Add(doc);
                    }
                }
            }
        }
        CheckUnique(documents, errors);
        if (errors.Count > 0)
        {
            throw new RuleLoadException(errors);
        }
        return new PolicyCatalog(documents);
    }

    /// <summary>Clause ids name one clause across the catalogue (a clause may recur in later versions of its document).</summary>
    private static void CheckUnique(List<PolicyDocument> documents, List<RuleLoadError> errors)
    {
        foreach (var g in documents.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new RuleLoadError(g.Last().SourceFile, 1, $"policy '{g.Key}' is defined twice (also in {g.First().SourceFile})"));
        }
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            foreach (var clause in doc.Versions.SelectMany(v => v.Clauses).Select(c => c.Id).Distinct(StringComparer.Ordinal))
            {
                if (owner.TryGetValue(clause, out var other))
                {
                    errors.Add(new RuleLoadError(doc.SourceFile, 1, $"clause id '{clause}' is also used by policy '{other}'"));
                }
                else
                {
                    owner[clause] = doc.Id;
                }
            }
        }
    }

    /// <summary>Every clause of every version (for listings and meta-tests).</summary>
    public IEnumerable<PolicyClause> AllClauses => Documents.SelectMany(d => d.Versions).SelectMany(v => v.Clauses);

    /// <summary>
    /// The clauses in force on <paramref name="asOf"/> for an enterprise in <paramref name="regionCode"/>: those of
    /// national documents and of every jurisdiction that contains the region (province, city, district).
    /// </summary>
    public IReadOnlyList<PolicyClause> InForce(string regionCode, DateOnly asOf, RegionTree regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var result = new List<PolicyClause>();
        foreach (var doc in Documents)
        {
            if (Covers(doc.Jurisdiction, regionCode, regions) && doc.VersionOn(asOf) is { } version)
            {
                result.AddRange(version.Clauses);
            }
        }
        return result;
    }

    /// <summary>True when a document of <paramref name="jurisdiction"/> applies to an enterprise registered in <paramref name="regionCode"/>.</summary>
    public static bool Covers(string jurisdiction, string regionCode, RegionTree regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return jurisdiction == "national" || regions.MatchesFilter(regionCode, jurisdiction);
    }
}
