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
        Index = new RuleIndex(tiers);
    }

    /// <summary>The tier versions' items by id: which check a result line came from, titles, near misses.</summary>
    public RuleIndex Index { get; }

    public RuleSet<SizeClassVersion> SizeClass { get; }

    /// <summary>
    /// Every tier rule set of every jurisdiction, in evaluation order (their 'order' key; a tier may advise on tiers
    /// before it). Which of them apply to one enterprise: <see cref="TiersFor"/>.
    /// </summary>
    public IReadOnlyList<RuleSet<TierVersion>> Tiers { get; }

    public IReadOnlyDictionary<string, RuleSet<ConditionsVersion>> Conditions { get; }

    // Few distinct regions (a few thousand counties nationwide), many enterprises: the selection is made once per region.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<IReadOnlyList<RuleSet<TierVersion>>>> _byRegion = new(StringComparer.Ordinal);

    /// <summary>The folder shipped beside the program (<c>rules/</c> copied to the output).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "rules");

    public static RuleLibrary LoadDefault() => Load(DefaultDirectory);

    public static RuleLibrary Load(string directory) => Load(directory, null);

    /// <summary>Loads the rules with a what-if reform patched into the parsed files before they are validated and compiled.</summary>
    public static RuleLibrary Load(string directory, Reforms.Reform? reform)
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
                reform?.ApplyTo(dto.Id, dto.Versions, name, errors);
                CheckHeader(dto, name, errors);
                dtos.Add((name, dto));
            }
        }
        var duplicates = dtos.GroupBy(d => (d.Dto.Id, Jurisdiction.Prefix(d.Dto.Jurisdiction ?? ""))).Where(g => g.Count() > 1);
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
                    versions.Add(new ConditionsVersion(info with { Verification = info.Verification.InheritedBy(cond) }, cond));
                }
                c.CheckVerifiedValues(info, v.Line);
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
                c.CheckVerifiedValues(info, v.Line);
            }
            sizeClass = Set(dto, name, versions);
        }

        var tiers = new List<RuleSet<TierVersion>>();
        foreach (var (name, dto) in dtos.Where(d => d.Dto.Kind == "tier" && d.Dto.Extends is null))
        {
            var c = new RuleCompiler(name, errors, conditions);
            var versions = new List<TierVersion>();
            foreach (var (info, v) in c.Versions(dto) ?? [])
            {
                c.StartVersion();
                if (v.Replace is not null)
                {
                    errors.Add(new RuleLoadError(name, v.Line, "'replace' is only for a file that 'extends' a base rule set"));
                }
                var score = v.Score is null ? null : c.Score(v.Score, info.Cite);
                var qualify = c.Condition(v.Qualify, info.Cite, v.Line, "qualify");
                if (qualify is not null)
                {
                    versions.Add(new TierVersion(info with { Verification = info.Verification.InheritedBy(qualify) }, v.Readings ?? [], score, qualify));
                }
                c.CheckVerifiedValues(info, v.Line);
            }
            tiers.Add(Set(dto, name, versions));
        }
        foreach (var (name, dto) in dtos.Where(d => d.Dto.Kind == "tier" && d.Dto.Extends is not null))
        {
            if (Overlay(name, dto, tiers, conditions, errors) is { } overlay)
            {
                tiers.Add(overlay);
            }
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
        return new RuleLibrary(sizeClass!, tiers.OrderBy(t => t.Order).ThenBy(t => t.Id, StringComparer.Ordinal).ThenBy(t => Jurisdiction.Specificity(t.Jurisdiction)).ToList(), conditions);
    }

    /// <summary>
    /// Compiles a file that extends a base rule set: each of its versions lies within one version of the base and
    /// becomes that base version with the named indicators replaced (conditions, readings and citations kept).
    /// </summary>
    private static RuleSet<TierVersion>? Overlay(string name, RuleFileDto dto, List<RuleSet<TierVersion>> tiers,
        IReadOnlyDictionary<string, RuleSet<ConditionsVersion>> conditions, List<RuleLoadError> errors)
    {
        var baseSet = tiers.FirstOrDefault(t => t.Id == dto.Id && Jurisdiction.Prefix(t.Jurisdiction) == Jurisdiction.Prefix(dto.Extends!));
        if (baseSet is null)
        {
            errors.Add(new RuleLoadError(name, dto.Line, $"extends: no tier '{dto.Id}' for jurisdiction '{dto.Extends}' (an overlay cannot extend another overlay)"));
            return null;
        }
        var c = new RuleCompiler(name, errors, conditions);
        var versions = new List<TierVersion>();
        foreach (var (info, v) in c.Versions(dto) ?? [])
        {
            c.StartVersion();
            if (v.Qualify is not null || v.Score is not null || v.Replace is null)
            {
                errors.Add(new RuleLoadError(name, v.Line, "a version of an overlay changes its base through 'replace' only (no 'qualify' or 'score')"));
                continue;
            }
            var under = baseSet.Versions.FirstOrDefault(b => b.Info.EffectiveFrom <= info.EffectiveFrom
                && (b.Info.EffectiveTo is null || (info.EffectiveTo is { } end && end <= b.Info.EffectiveTo)));
            if (under is null)
            {
                errors.Add(new RuleLoadError(name, v.Line, $"version '{info.VersionId}' must lie within one version of the base '{dto.Id}' ({baseSet.SourceFile}); split it at the base's version boundaries"));
                continue;
            }
            if (c.Overlay(under.Score, v.Replace, info.Cite, v.Line) is { } score)
            {
                var note = $"{info.Note} 其余条件与评分沿用 {baseSet.Jurisdiction} 规则集 {under.Info.VersionId} 版（{under.Info.Cite}）。".TrimStart();
                versions.Add(new TierVersion(info with { Note = note }, [.. under.Readings, .. v.Readings ?? []], score, under.Qualify));
            }
        }
        return new RuleSet<TierVersion>(dto.Id!, dto.Kind!, dto.Title!, dto.Jurisdiction!, baseSet.Order, name, versions, dto.Extends, baseSet.Ladder);
    }

    /// <summary>
    /// The tiers that apply to an enterprise in <paramref name="regionCode"/>, in evaluation order: for each tier id,
    /// the rule sets whose jurisdiction contains the region, most specific first. The evaluator takes the first one
    /// in force on the date (an overlay ends → the base applies again); a tier no rule set of which contains the
    /// region does not apply (e.g. Zhejiang's hidden champion for a Hubei enterprise).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<RuleSet<TierVersion>>> TiersFor(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        return _byRegion.GetOrAdd(regionCode, code => Tiers
            .GroupBy(t => t.Id, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<RuleSet<TierVersion>>)g.Where(t => Jurisdiction.Contains(t.Jurisdiction, code))
                .OrderByDescending(t => Jurisdiction.Specificity(t.Jurisdiction)).ToList())
            .Where(candidates => candidates.Count > 0)
            .ToList());
    }

    /// <summary>
    /// The library as it stands on <paramref name="date"/>: only the tier rule sets with a version in force then (an
    /// overlay out of force drops out and its base applies). What a question that does not need every tier — the
    /// support clauses in force before the tier criteria were — evaluates with; each tier left out is "not assessable"
    /// on that date (<see cref="TiersNotInForce"/>), never an error for the whole run. The size-class table is kept as
    /// it is: a date it does not cover is still an error.
    /// </summary>
    public RuleLibrary InForceOn(DateOnly date) =>
        new(SizeClass, Tiers.Where(t => t.VersionOn(date) is not null).ToList(), Conditions);

    /// <summary>
    /// The tiers that apply to <paramref name="regionCode"/> and have no version in force on <paramref name="date"/>
    /// (one rule set per tier: the most general, whose versions say when the criteria start or ended).
    /// </summary>
    public IReadOnlyList<RuleSet<TierVersion>> TiersNotInForce(string regionCode, DateOnly date) =>
        TiersFor(regionCode).Where(candidates => candidates.All(t => t.VersionOn(date) is null)).Select(candidates => candidates[^1]).ToList();

    private static RuleSet<T> Set<T>(RuleFileDto dto, string file, List<T> versions) where T : IDatedVersion =>
        new(dto.Id!, dto.Kind!, dto.Title!, dto.Jurisdiction!, dto.Order ?? 0, file, versions,
            ladder: dto.Ladder is { } l && (l.Start == true) != (l.After is not null) ? new LadderPlace(l.After) : null);

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
        if (dto.Jurisdiction is { } j && !Jurisdiction.IsValid(j))
        {
            errors.Add(new RuleLoadError(name, dto.Line, $"'jurisdiction' must be 'national' or a region code of 2, 4 or 6 digits (33, 3301, 330106), got '{j}'"));
        }
        if (dto.Extends is { } ext)
        {
            if (dto.Kind != "tier")
            {
                errors.Add(new RuleLoadError(name, dto.Line, "'extends' is only for tier rule sets"));
            }
            else if (!Jurisdiction.IsValid(ext) || dto.Jurisdiction is not { } own || !Jurisdiction.IsValid(own)
                || Jurisdiction.Specificity(ext) >= Jurisdiction.Specificity(own) || !Jurisdiction.Prefix(own).StartsWith(Jurisdiction.Prefix(ext), StringComparison.Ordinal))
            {
                errors.Add(new RuleLoadError(name, dto.Line, $"'extends' must name a jurisdiction that contains this file's ('{dto.Jurisdiction}'), got '{ext}'"));
            }
        }
        else if (dto.Kind != "tier" && dto.Jurisdiction is { } nonTier && nonTier != Jurisdiction.National)
        {
            errors.Add(new RuleLoadError(name, dto.Line, $"only tier rule sets may belong to a region for now; a {dto.Kind} rule set is national"));
        }
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
