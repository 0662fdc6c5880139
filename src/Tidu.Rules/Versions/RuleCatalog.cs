using System.Globalization;
using Tidu.Rules.Files;

namespace Tidu.Rules.Versions;

/// <summary>
/// Every rule set of a rule folder with every dated version as its file states it — what <c>tidu rules
/// list/show/diff</c> show. The folder is first loaded as a <see cref="RuleLibrary"/>, so a catalogue exists
/// only for files that load without error; rule sets of any kind are listed, including kinds the engine adds later.
/// </summary>
public sealed class RuleCatalog
{
    private RuleCatalog(IReadOnlyList<RuleSetEntry> sets) => Sets = sets;

    /// <summary>Rule sets in file order (ordinal path order, as the library loads them).</summary>
    public IReadOnlyList<RuleSetEntry> Sets { get; }

    public static RuleCatalog LoadDefault() => Load(RuleLibrary.DefaultDirectory);

    /// <summary>Throws <see cref="RuleLoadException"/> when a file fails to load, as <see cref="RuleLibrary.Load(string)"/> does.</summary>
    public static RuleCatalog Load(string directory)
    {
        RuleLibrary.Load(directory);
        var errors = new List<RuleLoadError>();
        var sets = new List<RuleSetEntry>();
        foreach (var (path, name) in RuleFileReader.Files(directory))
        {
            if (RuleFileReader.Read(path, name, errors) is { } dto)
            {
                sets.Add(Entry(dto, name));
            }
        }
        if (errors.Count > 0)
        {
            throw new RuleLoadException(errors);
        }
        return new RuleCatalog([.. sets.Select(s => s with { Versions = [.. s.Versions.Select(v => v with { Items = Titled(v.Items, sets) })] })]);
    }

    /// <summary>An include without a title of its own is shown by the title of the rule set it includes (基本条件), not its id.</summary>
    private static List<RuleItem> Titled(IEnumerable<RuleItem> items, List<RuleSetEntry> sets) =>
        [.. items.Select(i => i.Kind == "include" && sets.FirstOrDefault(s => s.Id == i.Title) is { } included ? i with { Title = included.Title } : i)];

    /// <summary>
    /// The rule set with this id. Several jurisdictions may define the same id (a province's overlay): without
    /// <paramref name="jurisdiction"/> the national one is taken, or the only one; otherwise the caller must choose.
    /// </summary>
    public bool TryFind(string id, string? jurisdiction, out RuleSetEntry? entry, out string? error)
    {
        entry = null;
        error = null;
        var candidates = Sets.Where(s => s.Id == id).ToList();
        if (candidates.Count == 0)
        {
            error = $"no rule set '{id}'; rule sets: {string.Join(", ", Sets.Select(s => s.Id).Distinct())}";
            return false;
        }
        var jurisdictions = string.Join(", ", candidates.Select(c => c.Jurisdiction));
        if (jurisdiction is not null)
        {
            entry = candidates.FirstOrDefault(c => c.Jurisdiction == jurisdiction);
            error = entry is null ? $"rule set '{id}' has no jurisdiction '{jurisdiction}'; it has: {jurisdictions}" : null;
            return entry is not null;
        }
        entry = candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(c => c.Jurisdiction == "national");
        error = entry is null ? $"rule set '{id}' exists for several jurisdictions ({jurisdictions}); choose one with --jurisdiction" : null;
        return entry is not null;
    }

    private static RuleSetEntry Entry(RuleFileDto dto, string file)
    {
        var versions = (dto.Versions ?? []).Select(v =>
        {
            var items = VersionFlattener.Flatten(v);
            // A group's verification record covers its checks, as in the evaluation (RuleLibrary).
            var verification = VerificationCompiler.Compile(v.Verification, file, []).InheritedBy(items.Select(i => (i.Id, i.Parent)));
            return new VersionSnapshot(dto.Id!, dto.Jurisdiction!, v.Id!, Date(v.EffectiveFrom)!.Value, Date(v.EffectiveTo), v.Cite!, v.Note, verification, v.Readings ?? [], items);
        }).ToList();
        return new RuleSetEntry(dto.Id!, dto.Kind!, dto.Title!, dto.Jurisdiction!, file, dto.Source!.Title!, dto.Source.Number, versions);
    }

    // The library has validated every date already.
    private static DateOnly? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
