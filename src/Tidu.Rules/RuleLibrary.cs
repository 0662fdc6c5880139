using Tidu.Rules.Files;
using Tidu.Rules.Model;

namespace Tidu.Rules;

/// <summary>
/// All rule sets, loaded from a folder of YAML files in a fixed (ordinal path) order so results never depend
/// on the file system. Loading either succeeds completely or throws <see cref="RuleLoadException"/> listing
/// every problem with file and line.
/// </summary>
public sealed class RuleLibrary
{
    private RuleLibrary(RuleSet<SizeClassVersion> sizeClass, IReadOnlyList<RuleSet<TierVersion>> tiers, IReadOnlyDictionary<string, RuleSet<ConditionsVersion>> conditions)
    {
        SizeClass = sizeClass;
        Tiers = tiers;
        Conditions = conditions;
    }

    public RuleSet<SizeClassVersion> SizeClass { get; }

    /// <summary>Tier rule sets in evaluation order (their 'order' key): a tier may advise on tiers before it.</summary>
    public IReadOnlyList<RuleSet<TierVersion>> Tiers { get; }

    public IReadOnlyDictionary<string, RuleSet<ConditionsVersion>> Conditions { get; }

    /// <summary>The folder shipped beside the program (<c>rules/</c> copied to the output).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "rules");

    public static RuleLibrary LoadDefault() => Load(DefaultDirectory);

    public static RuleLibrary Load(string directory)
    {
        var errors = new List<RuleLoadError>();
        if (!Directory.Exists(directory))
        {
            throw new RuleLoadException([new RuleLoadError(directory, 0, "rule folder not found")]);
        }
        var files = RuleFileReader.Files(directory);
        var dtos = new List<(string Name, RuleFileDto Dto)>();
        foreach (var (path, name) in files)
        {
            if (RuleFileReader.Read(path, name, errors) is { } dto)
            {
                CheckHeader(dto, name, errors);
                dtos.Add((name, dto));
            }
        }
        var duplicates = dtos.GroupBy(d => (d.Dto.Id, d.Dto.Jurisdiction)).Where(g => g.Count() > 1);
        foreach (var g in duplicates)
        {
            foreach (var (name, dto) in g.Skip(1))
            {
                errors.Add(new RuleLoadError(name, dto.Line, $"rule set '{dto.Id}' for jurisdiction '{dto.Jurisdiction}' is defined twice (also in {g.First().Name})"));
            }
        }

        var conditions = new Dictionary<string, RuleSet<ConditionsVersion>>(StringComparer.Ordinal);
        foreach (var (name, dto) in dtos.Where(d => d.Dto.Kind == "conditions"))
        {
            var c = new RuleCompiler(name, errors, conditions);
            var versions = new List<ConditionsVersion>();
            foreach (var (info, v) in c.Versions(dto) ?? [])
            {
                c.StartVersion();
                if (c.Condition(v.Conditions, info.Cite, v.Line, "conditions") is { } cond)
                {
                    versions.Add(new ConditionsVersion(info, cond));
                }
            }
            conditions[dto.Id!] = Set(dto, name, versions);
        }

        RuleSet<SizeClassVersion>? sizeClass = null;
        foreach (var (name, dto) in dtos.Where(d => d.Dto.Kind == "size-class"))
        {
            var c = new RuleCompiler(name, errors, conditions);
            var versions = new List<SizeClassVersion>();
            foreach (var (info, v) in c.Versions(dto) ?? [])
            {
                c.StartVersion();
                var groups = (v.Groups ?? []).Select(c.SizeGroup).ToList();
                if (groups.Count(g => g?.Otherwise == true) != 1)
                {
                    errors.Add(new RuleLoadError(name, v.Line, "the size-class table needs exactly one group with 'otherwise: true'"));
                }
                if (groups.All(g => g is not null))
                {
                    versions.Add(new SizeClassVersion(info, groups!));
                }
            }
            sizeClass = Set(dto, name, versions);
        }

        var tiers = new List<RuleSet<TierVersion>>();
        foreach (var (name, dto) in dtos.Where(d => d.Dto.Kind == "tier"))
        {
            var c = new RuleCompiler(name, errors, conditions);
            var versions = new List<TierVersion>();
            foreach (var (info, v) in c.Versions(dto) ?? [])
            {
                c.StartVersion();
                var score = v.Score is null ? null : c.Score(v.Score, info.Cite);
                var qualify = c.Condition(v.Qualify, info.Cite, v.Line, "qualify");
                if (qualify is not null)
                {
                    versions.Add(new TierVersion(info, v.Readings ?? [], score, qualify));
                }
            }
            tiers.Add(Set(dto, name, versions));
        }

        CheckLadder(dtos, errors);
        if (sizeClass is null)
        {
            errors.Add(new RuleLoadError(directory, 0, "no rule set of kind 'size-class' found"));
        }
        if (errors.Count > 0)
        {
            throw new RuleLoadException(errors);
        }
        return new RuleLibrary(sizeClass!, tiers.OrderBy(t => t.Order).ThenBy(t => t.Id, StringComparer.Ordinal).ToList(), conditions);
    }

    private static RuleSet<T> Set<T>(RuleFileDto dto, string file, List<T> versions) where T : IDatedVersion =>
        new(dto.Id!, dto.Kind!, dto.Title!, dto.Jurisdiction!, dto.Order ?? 0, file, versions,
            dto.Ladder is { } l && (l.Start == true) != (l.After is not null) ? new LadderPlace(l.After) : null);

    /// <summary>The ladder keys: tiers only, exactly one of 'start: true' or 'after: TIER', naming a tier, without a cycle.</summary>
    private static void CheckLadder(List<(string Name, RuleFileDto Dto)> dtos, List<RuleLoadError> errors)
    {
        var tiers = dtos.Where(d => d.Dto.Kind == "tier" && d.Dto.Id is not null).Select(d => d.Dto.Id!).ToHashSet(StringComparer.Ordinal);
        var after = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, dto) in dtos.Where(d => d.Dto.Ladder is not null))
        {
            var l = dto.Ladder!;
            if (dto.Kind != "tier")
            {
                errors.Add(new RuleLoadError(name, l.Line, "'ladder' is only for rule sets of kind 'tier'"));
            }
            else if ((l.Start == true) == (l.After is not null))
            {
                errors.Add(new RuleLoadError(name, l.Line, "'ladder' needs exactly one of 'start: true' (the first rung) or 'after: TIER'"));
            }
            else if (l.After is { } a && !tiers.Contains(a))
            {
                errors.Add(new RuleLoadError(name, l.Line, $"ladder: 'after: {a}' names no tier rule set"));
            }
            else if (l.After is { } prev && dto.Id is not null)
            {
                after[dto.Id] = prev;
            }
        }
        foreach (var (name, dto) in dtos.Where(d => d.Dto.Id is not null && after.ContainsKey(d.Dto.Id!)))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { dto.Id! };
            for (var t = after[dto.Id!]; after.TryGetValue(t, out var next); t = next)
            {
                if (!seen.Add(t))
                {
                    errors.Add(new RuleLoadError(name, dto.Ladder!.Line, $"ladder: '{dto.Id}' is on a cycle of 'after' keys"));
                    break;
                }
            }
        }
    }

    private static void CheckHeader(RuleFileDto dto, string name, List<RuleLoadError> errors)
    {
        void Need(string? value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new RuleLoadError(name, dto.Line, $"'{key}' is required"));
            }
        }
        Need(dto.Id, "id");
        Need(dto.Title, "title");
        Need(dto.Jurisdiction, "jurisdiction");
        if (dto.Kind is not ("tier" or "size-class" or "conditions"))
        {
            errors.Add(new RuleLoadError(name, dto.Line, $"'kind' must be tier, size-class or conditions, got '{dto.Kind}'"));
        }
        if (dto.Source is null || string.IsNullOrWhiteSpace(dto.Source.Title))
        {
            errors.Add(new RuleLoadError(name, dto.Line, "'source' with the legal source's title is required"));
        }
        var stem = Path.GetFileNameWithoutExtension(name);
        if (dto.Id is not null && stem != dto.Id)
        {
            errors.Add(new RuleLoadError(name, dto.Line, $"the file name must be the rule set id ('{dto.Id}.yaml')"));
        }
    }
}
