using System.Globalization;
using Tidu.Rules.Facts;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Model.Scoring;
using Tidu.Rules.Values;

namespace Tidu.Rules.Files;

/// <summary>
/// Turns parsed rule files into the engine's model, checking what YAML cannot: required keys, citations,
/// known facts and arguments, operators matching the fact's kind, contiguous bands, dated versions in order
/// without gap or overlap, dimension maxima. Facts are bound here, once — never looked up per enterprise.
/// </summary>
internal sealed class RuleCompiler(string file, List<RuleLoadError> errors, IReadOnlyDictionary<string, RuleSet<ConditionsVersion>> includes)
{
    private HashSet<string> _ids = new(StringComparer.Ordinal);

    private void Error(int line, string message) => errors.Add(new RuleLoadError(file, line, message));

    public (RuleVersionInfo Info, VersionDto Dto)[]? Versions(RuleFileDto dto)
    {
        if (dto.Versions is not { Count: > 0 } versions)
        {
            Error(dto.Line, "'versions' is required and must not be empty");
            return null;
        }
        var result = new List<(RuleVersionInfo, VersionDto)>();
        foreach (var v in versions)
        {
            var from = Date(v.EffectiveFrom, v.Line, "effectiveFrom", required: true);
            var to = Date(v.EffectiveTo, v.Line, "effectiveTo", required: false);
            var verified = VerificationCompiler.Compile(v.Verification, file, errors);
            if (string.IsNullOrWhiteSpace(v.Id))
            {
                Error(v.Line, "version 'id' is required");
            }
            if (string.IsNullOrWhiteSpace(v.Cite))
            {
                Error(v.Line, $"version '{v.Id}' has no citation ('cite')");
            }
            if (from is null)
            {
                continue;
            }
            if (to is { } t && t < from)
            {
                Error(v.Line, $"effectiveTo {t:yyyy-MM-dd} is before effectiveFrom {from:yyyy-MM-dd}");
            }
            result.Add((new RuleVersionInfo(dto.Id ?? "", v.Id ?? "", from.Value, to, v.Cite ?? "", v.Note, verified), v));
        }
        for (var i = 1; i < result.Count; i++)
        {
            var (prev, _) = result[i - 1];
            var (cur, curDto) = result[i];
            if (prev.EffectiveTo is not { } end)
            {
                Error(curDto.Line, $"version '{cur.VersionId}' follows version '{prev.VersionId}', which has no effectiveTo: the two overlap");
            }
            else if (cur.EffectiveFrom <= end)
            {
                Error(curDto.Line, $"version '{cur.VersionId}' starts {cur.EffectiveFrom:yyyy-MM-dd}, on or before the end of '{prev.VersionId}' ({end:yyyy-MM-dd}): versions overlap or are out of order");
            }
            else if (cur.EffectiveFrom != end.AddDays(1))
            {
                Error(curDto.Line, $"gap between version '{prev.VersionId}' (ends {end:yyyy-MM-dd}) and '{cur.VersionId}' (starts {cur.EffectiveFrom:yyyy-MM-dd})");
            }
        }
        return [.. result];
    }

    private DateOnly? Date(string? text, int line, string key, bool required)
    {
        if (text is null)
        {
            if (required)
            {
                Error(line, $"'{key}' is required");
            }
            return null;
        }
        if (IsoDate.TryParse(text, out var d))
        {
            return d;
        }
        Error(line, $"'{key}' must be an ISO date (YYYY-MM-DD), got '{text}'");
        return null;
    }

    public void StartVersion() => _ids = new(StringComparer.Ordinal);

    /// <summary>After a version is compiled: each per-value verification record must name a check, group or indicator of it.</summary>
    public void CheckVerifiedValues(RuleVersionInfo info, int line)
    {
        foreach (var id in info.Verification.Values.Keys.Where(id => !_ids.Contains(id)))
        {
            Error(line, $"verification names '{id}', which is not a check, group or indicator of version '{info.VersionId}'");
        }
    }

    private void UniqueId(string id, int line)
    {
        if (!_ids.Add(id))
        {
            Error(line, $"id '{id}' is used twice in this version");
        }
    }

    public Condition? Condition(ConditionDto? d, string? inheritedCite, int parentLine, string what)
    {
        if (d is null)
        {
            Error(parentLine, $"'{what}' is required");
            return null;
        }
        var shapes = (d.Fact is not null ? 1 : 0) + (d.All is not null ? 1 : 0) + (d.Any is not null ? 1 : 0) + (d.Of is not null || d.AtLeast is not null ? 1 : 0) + (d.Include is not null ? 1 : 0);
        if (shapes != 1)
        {
            Error(d.Line, "a condition must have exactly one of: fact, all, any, atLeast/of, include");
            return null;
        }
        if (d.Include is { } inc)
        {
            if (!includes.TryGetValue(inc, out var target))
            {
                Error(d.Line, $"include '{inc}': no rule set of kind 'conditions' with that id");
                return null;
            }
            var incId = d.Id ?? inc;
            UniqueId(incId, d.Line);
            return new Include(incId, target);
        }
        if (string.IsNullOrWhiteSpace(d.Id) || string.IsNullOrWhiteSpace(d.Title))
        {
            Error(d.Line, "a condition needs an 'id' and a Chinese 'title'");
            return null;
        }
        UniqueId(d.Id, d.Line);
        var cite = d.Cite ?? inheritedCite;
        if (d.Fact is null)
        {
            var members = d.All ?? d.Any ?? d.Of!;
            if (d.Of is not null && d.AtLeast is null || d.AtLeast is not null && d.Of is null)
            {
                Error(d.Line, "'atLeast' and 'of' go together");
                return null;
            }
            var compiled = members.Select(m => Condition(m, cite, d.Line, "member")).ToList();
            if (compiled.Count == 0)
            {
                Error(d.Line, "a group needs at least one member");
            }
            if (compiled.Any(c => c is null) || compiled.Count == 0)
            {
                return null;
            }
            var kind = d.All is not null ? "all" : d.Any is not null ? "any" : "atLeast";
            var required = kind switch { "all" => compiled.Count, "any" => 1, _ => d.AtLeast!.Value };
            if (required < 1 || required > compiled.Count)
            {
                Error(d.Line, $"atLeast {required} of {compiled.Count} members is impossible");
                return null;
            }
            return new Group(d.Id, d.Title, cite, d.Note, kind, required, compiled!);
        }
        if (string.IsNullOrWhiteSpace(cite))
        {
            Error(d.Line, $"check '{d.Id}' has no citation ('cite', here or on its group)");
        }
        var bound = Bind(d);
        if (bound is null)
        {
            return null;
        }
        var (def, fact, dflt, args) = bound.Value;
        var ops = (d.Ge is not null ? 1 : 0) + (d.Gt is not null ? 1 : 0) + (d.Le is not null ? 1 : 0) + (d.Lt is not null ? 1 : 0) + (d.Is is not null ? 1 : 0) + (d.In is not null ? 1 : 0) + (d.NotIn is not null ? 1 : 0);
        if (ops != 1)
        {
            Error(d.Line, $"check '{d.Id}' needs exactly one operator: ge, gt, le, lt, is, in, notIn");
            return null;
        }
        var (op, threshold) = d.Ge is { } ge ? (Comparison.Ge, (decimal?)ge) : d.Gt is { } gt ? (Comparison.Gt, gt) : d.Le is { } le ? (Comparison.Le, le) : d.Lt is { } lt ? (Comparison.Lt, lt)
            : d.Is is not null ? (Comparison.Is, null) : d.In is not null ? (Comparison.In, null) : (Comparison.NotIn, (decimal?)null);
        var expectedKind = op switch { Comparison.Is => FactKind.Boolean, Comparison.In or Comparison.NotIn => FactKind.Text, _ => FactKind.Number };
        if (def.Kind != expectedKind)
        {
            Error(d.Line, $"check '{d.Id}': fact '{def.Name}' is {def.Kind.ToString().ToLowerInvariant()}, operator {op.ToString().ToLowerInvariant()} needs {expectedKind.ToString().ToLowerInvariant()}");
            return null;
        }
        if (d.AdviceIfQualifies is not null && d.Advice is null)
        {
            Error(d.Line, "'adviceIfQualifies' needs 'advice'");
        }
        return new Check(d.Id, d.Title, cite, d.Note, def.Name, fact, op, threshold, d.Is, d.In ?? d.NotIn, d.Unit, dflt, d.Advice, d.AdviceIfQualifies, d.Year ?? 0, args);
    }

    private (FactDefinition Def, FactNode Fact, FactValue? Default, FactArgs Args)? Bind(FactRefDto d)
    {
        if (d.Fact is null || !FactCatalog.All.TryGetValue(d.Fact, out var def))
        {
            Error(d.Line, $"unknown fact '{d.Fact}'");
            return null;
        }
        var args = new FactArgs
        {
            Year = d.Year,
            Years = d.Years,
            Kinds = d.Kinds,
            WithinYears = d.WithinYears,
            MaxRank = d.MaxRank,
            Tier = d.Tier,
            Field = d.Field,
            Matching = d.Matching,
            Levels = d.Levels,
            Roles = d.Roles,
            Dimension = (d as ConditionDto)?.Dimension,
            Over = d.Over,
            Criterion = d.Criterion,
        };
        var unexpected = args.SetNames().Where(n => !def.AcceptedArgs.Contains(n)).ToList();
        if (unexpected.Count > 0)
        {
            Error(d.Line, $"fact '{def.Name}' does not take {string.Join(", ", unexpected.Select(u => $"'{u}'"))}" +
                (def.AcceptedArgs.Count > 0 ? $" (it takes: {string.Join(", ", def.AcceptedArgs)})" : ""));
            return null;
        }
        FactNode fact;
        try
        {
            fact = def.BindNode(args);
        }
        catch (ArgumentException ex)
        {
            Error(d.Line, $"fact '{def.Name}': {ex.Message}");
            return null;
        }
        FactValue? dflt = null;
        if (d.Default is { } text)
        {
            dflt = def.Kind switch
            {
                FactKind.Boolean when bool.TryParse(text, out var b) => FactValue.Of(b),
                FactKind.Number when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => FactValue.Of(n),
                FactKind.Text => FactValue.Of(text),
                _ => null,
            };
            if (dflt is null)
            {
                Error(d.Line, $"default '{text}' is not a {def.Kind.ToString().ToLowerInvariant()} value for fact '{def.Name}'");
                return null;
            }
        }
        return (def, fact, dflt, args);
    }

    public ScoreCard? Score(ScoreDto s, string? inheritedCite)
    {
        var dims = new List<Dimension>();
        foreach (var dim in s.Dimensions ?? [])
        {
            if (dim.Id is null || dim.Title is null || dim.Max is null)
            {
                Error(dim.Line, "a dimension needs id, title and max");
                continue;
            }
            dims.Add(new Dimension(dim.Id, dim.Title, dim.Max.Value));
        }
        var indicators = new List<Indicator>();
        foreach (var i in s.Indicators ?? [])
        {
            if (i.Dimension is null || dims.All(x => x.Id != i.Dimension))
            {
                Error(i.Line, $"indicator '{i.Id}': dimension '{i.Dimension}' is not declared in 'dimensions'");
                continue;
            }
            if (Indicator(i, inheritedCite) is { } ind)
            {
                indicators.Add(ind);
            }
        }
        if (indicators.Count == 0)
        {
            Error(s.Line, "a score needs indicators");
            return null;
        }
        foreach (var dim in dims)
        {
            var sum = indicators.Where(x => x.Dimension == dim.Id).Sum(x => x.Max);
            if (sum != dim.Max)
            {
                Error(s.Line, $"dimension '{dim.Id}' has max {dim.Max} but its indicators add up to {sum}");
            }
        }
        return new ScoreCard(dims, indicators);
    }

    /// <summary>
    /// An overlay's scoring table: the base card with each replaced indicator swapped, in place, for the overlay's
    /// own. Replacements stay in the replaced indicator's dimension and give the same maximum, so every dimension
    /// and the total keep their maxima (a province's 特色化 indicators fill exactly the 15 points of the input they replace).
    /// </summary>
    public ScoreCard? Overlay(ScoreCard? baseCard, List<ReplacementDto> replacements, string? inheritedCite, int versionLine)
    {
        if (baseCard is null)
        {
            Error(versionLine, "'replace' needs a base version with a scoring table");
            return null;
        }
        foreach (var existing in baseCard.Indicators)
        {
            _ids.Add(existing.Id);
        }
        var swapped = new Dictionary<string, List<Indicator>>(StringComparer.Ordinal);
        var ok = true;
        foreach (var r in replacements)
        {
            var target = baseCard.Indicators.FirstOrDefault(x => x.Id == r.Indicator);
            if (target is null)
            {
                Error(r.Line, $"replace: the base version has no indicator '{r.Indicator}'");
                ok = false;
                continue;
            }
            if (r.With is not { Count: > 0 })
            {
                Error(r.Line, $"replace '{r.Indicator}': 'with' needs at least one indicator");
                ok = false;
                continue;
            }
            var compiled = new List<Indicator>();
            foreach (var dto in r.With)
            {
                if (dto.Dimension != target.Dimension)
                {
                    Error(dto.Line, $"indicator '{dto.Id}' replaces '{target.Id}' and must count towards its dimension '{target.Dimension}'");
                    ok = false;
                    continue;
                }
                if (Indicator(dto, inheritedCite) is { } ind)
                {
                    compiled.Add(ind);
                }
                else
                {
                    ok = false;
                }
            }
            var max = compiled.Sum(x => x.Max);
            if (ok && max != target.Max)
            {
                Error(r.Line, $"replace '{target.Id}': the replacing indicators give at most {max} points, the replaced one {target.Max}");
                ok = false;
            }
            if (!swapped.TryAdd(target.Id, compiled))
            {
                Error(r.Line, $"indicator '{target.Id}' is replaced twice");
                ok = false;
            }
        }
        return ok ? baseCard with { Indicators = [.. baseCard.Indicators.SelectMany(x => swapped.TryGetValue(x.Id, out var with) ? with : [x])] } : null;
    }

    private Indicator? Indicator(IndicatorDto i, string? inheritedCite)
    {
        if (string.IsNullOrWhiteSpace(i.Id) || string.IsNullOrWhiteSpace(i.Title))
        {
            Error(i.Line, "an indicator needs an 'id' and a Chinese 'title'");
            return null;
        }
        UniqueId(i.Id, i.Line);
        var cite = i.Cite ?? inheritedCite;
        if (string.IsNullOrWhiteSpace(cite))
        {
            Error(i.Line, $"indicator '{i.Id}' has no citation ('cite')");
        }
        var shapes = (i.Bands is not null ? 1 : 0) + (i.Cases is not null ? 1 : 0) + (i.Best is not null ? 1 : 0) + (i.Per is not null ? 1 : 0)
            + (i.CountOf is not null ? 1 : 0) + (i.Map is not null ? 1 : 0) + (i.AsPoints == true ? 1 : 0);
        if (shapes != 1)
        {
            Error(i.Line, $"indicator '{i.Id}' needs exactly one of: bands, cases, best, per, countOf, map, asPoints");
            return null;
        }
        Indicator? result;
        if (i.Cases is not null)
        {
            var cases = new List<(Condition, decimal)>();
            foreach (var c in i.Cases)
            {
                if (Condition(c.When, cite, c.Line, "when") is { } when && c.Points is { } p)
                {
                    cases.Add((when, p));
                }
                else if (c.Points is null)
                {
                    Error(c.Line, "a case needs 'points'");
                }
            }
            if (i.Otherwise is null)
            {
                Error(i.Line, $"indicator '{i.Id}': cases need 'otherwise' (the points when no case holds)");
            }
            result = cases.Count == i.Cases.Count && cases.Count > 0 ? new CasesIndicator(i.Id, i.Title, i.Dimension, cite, i.Note, cases, i.Otherwise ?? 0m) : null;
        }
        else if (i.Best is not null)
        {
            var readings = i.Best.Select(b => Indicator(b, cite)).ToList();
            result = readings.All(r => r is not null) && readings.Count > 0 ? new BestIndicator(i.Id, i.Title, i.Dimension, cite, i.Note, readings!) : null;
        }
        else if (i.CountOf is not null)
        {
            var items = i.CountOf.Select(c => Condition(c, cite, i.Line, "countOf item")).ToList();
            if (i.PointsEach is null || i.Max is null)
            {
                Error(i.Line, $"indicator '{i.Id}': countOf needs 'pointsEach' and 'max'");
                return null;
            }
            result = items.All(x => x is not null) ? new CountIndicator(i.Id, i.Title, i.Dimension, cite, i.Note, items!, i.PointsEach.Value, i.Max.Value) : null;
        }
        else
        {
            if (Bind(i) is not { } bound)
            {
                return null;
            }
            var reader = new FactReader(bound.Def.Name, bound.Fact, bound.Default, bound.Args);
            if (i.Bands is not null)
            {
                result = bound.Def.Kind == FactKind.Number && Bands(i) is { } bands ? new BandIndicator(i.Id, i.Title, i.Dimension, cite, i.Note, i.Unit, reader, bands) : null;
            }
            else if (i.Per is not null)
            {
                if (i.PointsPer is null || i.Max is null || i.Per <= 0)
                {
                    Error(i.Line, $"indicator '{i.Id}': per needs a positive 'per', 'pointsPer' and 'max'");
                    return null;
                }
                result = new StepsIndicator(i.Id, i.Title, i.Dimension, cite, i.Note, i.Unit, reader, i.Per.Value, i.PointsPer.Value, i.Max.Value);
            }
            else if (i.Map is not null)
            {
                result = bound.Def.Kind == FactKind.Text && i.Map.Count > 0 ? new MapIndicator(i.Id, i.Title, i.Dimension, cite, i.Note, reader, i.Map) : null;
            }
            else
            {
                result = i.Max is { } max ? new PointsIndicator(i.Id, i.Title, i.Dimension, cite, i.Note, reader, max) : null;
            }
            if (result is null)
            {
                Error(i.Line, $"indicator '{i.Id}': fact '{bound.Def.Name}' ({bound.Def.Kind.ToString().ToLowerInvariant()}) does not fit this indicator shape, or 'max' is missing");
            }
        }
        if (result is not null && i.Max is { } declared && declared != result.Max)
        {
            Error(i.Line, $"indicator '{i.Id}': max {declared} differs from the most its table gives ({result.Max})");
        }
        return result;
    }

    /// <summary>Bands listed from the top down: the first open above, the last open below, each 'to' equal to the next band's 'from'... reversed.</summary>
    private List<Band>? Bands(IndicatorDto i)
    {
        var list = i.Bands!;
        var ok = true;
        if (list.Count == 0)
        {
            Error(i.Line, $"indicator '{i.Id}': bands must not be empty");
            return null;
        }
        foreach (var b in list.Where(b => b.Points is null))
        {
            Error(b.Line, "a band needs 'points'");
            ok = false;
        }
        if (list[0].To is not null)
        {
            Error(list[0].Line, $"indicator '{i.Id}': the first (top) band must be open above (no 'to'): values ≥ {list[0].To} would score nothing");
            ok = false;
        }
        if (list[^1].From is not null)
        {
            Error(list[^1].Line, $"indicator '{i.Id}': the last (bottom) band must be open below (no 'from'): values < {list[^1].From} would score nothing");
            ok = false;
        }
        for (var k = 0; k + 1 < list.Count; k++)
        {
            var upper = list[k];
            var lower = list[k + 1];
            if (upper.From is not { } f || lower.To is not { } t)
            {
                Error(lower.Line, $"indicator '{i.Id}': only the top band may omit 'to' and only the bottom band 'from'");
                ok = false;
                continue;
            }
            if (t < f)
            {
                Error(lower.Line, $"indicator '{i.Id}': gap between bands: [{t}, {f}) scores nothing");
                ok = false;
            }
            else if (t > f)
            {
                Error(lower.Line, $"indicator '{i.Id}': bands overlap on [{f}, {t})");
                ok = false;
            }
            if (lower.From is { } lf && lf >= t)
            {
                Error(lower.Line, $"indicator '{i.Id}': band from {lf} to {t} is empty or reversed");
                ok = false;
            }
        }
        return ok ? list.Select(b => new Band(b.From, b.To, b.Points!.Value)).ToList() : null;
    }

    public SizeGroup? SizeGroup(SizeGroupDto g)
    {
        if (g.Id is null || g.Title is null || string.IsNullOrWhiteSpace(g.Cite))
        {
            Error(g.Line, "a size-class group needs id, title and cite");
            return null;
        }
        if ((g.Industries is not { Count: > 0 }) != (g.Otherwise == true))
        {
            Error(g.Line, $"group '{g.Id}' needs either 'industries' or 'otherwise: true'");
            return null;
        }
        var sme = Condition(g.Sme, g.Cite, g.Line, "sme");
        var medium = Condition(g.Medium, g.Cite, g.Line, "medium");
        var small = Condition(g.Small, g.Cite, g.Line, "small");
        return sme is null || medium is null || small is null
            ? null
            : new SizeGroup(g.Id, g.Title, g.Industries ?? [], g.Otherwise == true, g.Cite, g.Note, sme, medium, small);
    }
}
