using Tidu.Domain.Exchange;
using Tidu.Rules.Facts;
using Tidu.Rules.Files;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Values;

namespace Tidu.Rules.Policies;

/// <summary>
/// Turns a parsed policy file into clauses, checking what YAML cannot: required keys and citations, closed
/// vocabularies, exactly one occasion and one formula per clause, formulas that fit their occasion, locally set
/// values that name real keys and say why. Versions are checked by the tier rules' compiler (same dating rules);
/// conditions on the profile are compiled by it too, so they read the same facts with the same operators.
/// </summary>
internal sealed class PolicyCompiler(string file, List<RuleLoadError> errors)
{
    public static readonly IReadOnlySet<string> FundingLevels = new HashSet<string>(["national", "province", "city", "district"], StringComparer.Ordinal);
    public static readonly IReadOnlySet<string> ProjectLevels = new HashSet<string>(["national", "provincial", "city"], StringComparer.Ordinal);
    public static readonly IReadOnlySet<string> Markets = new HashSet<string>(["domestic", "overseas"], StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, RuleSet<ConditionsVersion>> NoIncludes = new Dictionary<string, RuleSet<ConditionsVersion>>();

    private void Error(int line, string message) => errors.Add(new RuleLoadError(file, line, message));

    public PolicyDocument? Document(PolicyFileDto dto)
    {
        var before = errors.Count;
        Header(dto);
        StackingRule? stacking = null;
        if (dto.Stacking is { } s)
        {
            if (string.IsNullOrWhiteSpace(s.Rule) || string.IsNullOrWhiteSpace(s.Cite))
            {
                Error(s.Line, "'stacking' needs 'rule' and 'cite'");
            }
            stacking = new StackingRule(s.Rule ?? "", s.Cite ?? "", s.Note);
        }
        // The tier compiler checks ids, dates, citations, order, gaps and overlaps of versions.
        var rules = new RuleCompiler(file, errors, NoIncludes);
        var asRuleFile = new RuleFileDto
        {
            Line = dto.Line,
            Id = dto.Id,
            Versions = dto.Versions?.Select(v => new VersionDto { Line = v.Line, Id = v.Id, EffectiveFrom = v.EffectiveFrom, EffectiveTo = v.EffectiveTo, Cite = v.Cite, Note = v.Note, Verification = v.Verification }).ToList(),
        };
        var versions = rules.Versions(asRuleFile) ?? [];
        var document = new PolicyDocument(dto.Id ?? "", dto.Title ?? "", dto.Jurisdiction ?? "", file, dto.Source?.Number, dto.Source?.Title, stacking, []);
        var compiled = new List<PolicyVersion>();
        foreach (var (info, mapped) in versions)
        {
            var versionDto = dto.Versions![asRuleFile.Versions!.IndexOf(mapped)];
            rules.StartVersion();
            if (versionDto.Clauses is not { Count: > 0 } clauseDtos)
            {
                Error(versionDto.Line, $"version '{info.VersionId}' needs 'clauses'");
                continue;
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var clauses = new List<PolicyClause>();
            foreach (var c in clauseDtos)
            {
                if (c.Id is not null && !ids.Add(c.Id))
                {
                    Error(c.Line, $"clause id '{c.Id}' is used twice in this version");
                }
                if (Clause(c, document, info, rules) is { } clause)
                {
                    clauses.Add(clause);
                }
            }
            foreach (var id in info.Verification.Values.Keys.Where(id => !ids.Contains(id)))
            {
                Error(versionDto.Line, $"verification names '{id}', which is not a clause of version '{info.VersionId}'");
            }
            compiled.Add(new PolicyVersion(info, clauses));
        }
        if (errors.Count > before)
        {
            return null;
        }
        // Clauses point back to their document; build the document once its versions are known.
        var result = document with { Versions = compiled };
        return result with
        {
            Versions = compiled.Select(v => v with { Clauses = v.Clauses.Select(c => c with { Document = result }).ToList() }).ToList(),
        };
    }

    private void Header(PolicyFileDto dto)
    {
        if (string.IsNullOrWhiteSpace(dto.Id))
        {
            Error(dto.Line, "'id' is required");
        }
        else if (Path.GetFileNameWithoutExtension(file) != dto.Id)
        {
            Error(dto.Line, $"the file name must be the policy id ('{dto.Id}.yaml')");
        }
        if (dto.Kind != "policy")
        {
            Error(dto.Line, $"'kind' must be policy in the policies folder, got '{dto.Kind}'");
        }
        if (string.IsNullOrWhiteSpace(dto.Title))
        {
            Error(dto.Line, "'title' is required");
        }
        if (dto.Jurisdiction is not { } j || !(j == "national" || j.Length is 2 or 4 or 6 && j.All(char.IsAsciiDigit)))
        {
            Error(dto.Line, $"'jurisdiction' must be national or a region code (2, 4 or 6 digits), got '{dto.Jurisdiction}'");
        }
        if (dto.Source is null || string.IsNullOrWhiteSpace(dto.Source.Title))
        {
            Error(dto.Line, "'source' with the legal source's title is required");
        }
    }

    private PolicyClause? Clause(ClauseDto c, PolicyDocument document, RuleVersionInfo version, RuleCompiler rules)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(c.Id) || string.IsNullOrWhiteSpace(c.Title))
        {
            Error(c.Line, "a clause needs an 'id' and a Chinese 'title'");
            return null;
        }
        if (string.IsNullOrWhiteSpace(c.Cite))
        {
            Error(c.Line, $"clause '{c.Id}' has no citation ('cite': document and clause)");
        }
        if (string.IsNullOrWhiteSpace(c.Purpose))
        {
            Error(c.Line, $"clause '{c.Id}' needs a 'purpose'");
        }
        var support = c.Support switch
        {
            "award" => SupportKind.Award,
            "service" => SupportKind.Service,
            _ => (SupportKind?)null,
        };
        if (support is null)
        {
            Error(c.Line, $"clause '{c.Id}': 'support' must be award or service, got '{c.Support}'");
        }
        if (c.FundingLevels is not { Count: > 0 } levels || levels.Any(l => !FundingLevels.Contains(l)))
        {
            Error(c.Line, $"clause '{c.Id}': 'fundingLevels' must list one or more of {string.Join(", ", FundingLevels)}");
        }
        if (c.ExclusivityGroup is not null && document.Stacking is null)
        {
            Error(c.Line, $"clause '{c.Id}' names an exclusivity group, but its policy has no 'stacking' clause to cite");
        }
        if (support == SupportKind.Award && c.Amount is null)
        {
            Error(c.Line, $"clause '{c.Id}': an award needs an 'amount'");
        }
        if (support == SupportKind.Service && (c.Amount is not null || string.IsNullOrWhiteSpace(c.Benefit)))
        {
            Error(c.Line, $"clause '{c.Id}': a service has a 'benefit' (what the enterprise gets) and no 'amount'");
        }
        if (c.Trigger is not { } t)
        {
            Error(c.Line, $"clause '{c.Id}' needs a 'trigger'");
            return null;
        }
        var occasions = (t.Recognition is not null ? 1 : 0) + (t.Project is not null ? 1 : 0) + (t.Annual == true ? 1 : 0);
        if (occasions != 1)
        {
            Error(t.Line, $"clause '{c.Id}': the trigger needs exactly one of recognition, project, annual: true");
            return null;
        }
        var occasion = t.Recognition is not null ? Occasion.Recognition : t.Project is not null ? Occasion.Project : Occasion.Annual;
        if (t.Recognition is { } r && (r.Tier is null || !Vocabulary.Tier.Contains(r.Tier)))
        {
            Error(r.Line, $"clause '{c.Id}': recognition 'tier' must be one of {string.Join(", ", Vocabulary.Tier)}, got '{r.Tier}'");
        }
        foreach (var h in (t.Holds ?? []).Where(h => !Vocabulary.Tier.Contains(h)))
        {
            Error(t.Line, $"clause '{c.Id}': 'holds' names unknown tier '{h}'");
        }
        var checks = new List<ProjectCheck>();
        if (t.Project is { } p)
        {
            if (string.IsNullOrWhiteSpace(p.Purpose))
            {
                Error(p.Line, $"clause '{c.Id}': a project trigger needs the project 'purpose'");
            }
            foreach (var l in (p.Levels ?? []).Where(l => !ProjectLevels.Contains(l)))
            {
                Error(p.Line, $"clause '{c.Id}': project level '{l}' is not one of {string.Join(", ", ProjectLevels)}");
            }
            foreach (var m in (p.Markets ?? []).Where(m => !Markets.Contains(m)))
            {
                Error(p.Line, $"clause '{c.Id}': market '{m}' is not one of {string.Join(", ", Markets)}");
            }
            foreach (var pc in p.Checks ?? [])
            {
                if (ProjectCheckOf(pc, c.Cite) is { } compiled)
                {
                    checks.Add(compiled);
                }
            }
        }
        Condition? conditions = null;
        if (t.Conditions is not null)
        {
            conditions = rules.Condition(t.Conditions, c.Cite, t.Line, "conditions");
        }
        var amount = c.Amount is null ? null : Amount(c.Amount, c.Id, occasion);
        if (amount is { Kind: FormulaKind.Unstated } && string.IsNullOrWhiteSpace(c.Benefit))
        {
            Error(c.Line, $"clause '{c.Id}': an award whose amount is unstated needs a 'benefit' saying what the text gives");
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new PolicyClause
        {
            Id = c.Id,
            Title = c.Title,
            Document = document,
            Version = version,
            Support = support!.Value,
            FundingLevels = c.FundingLevels!,
            Purpose = c.Purpose!,
            ExclusivityGroup = c.ExclusivityGroup,
            Cite = c.Cite!,
            Note = c.Note,
            Benefit = c.Benefit,
            Occasion = occasion,
            RecognitionTier = t.Recognition?.Tier,
            ProjectPurpose = t.Project?.Purpose,
            ProjectLevels = t.Project?.Levels,
            ProjectMarkets = t.Project?.Markets,
            ProjectChecks = checks,
            Holds = t.Holds ?? [],
            Conditions = conditions,
            Amount = amount,
        };
    }

    private ProjectCheck? ProjectCheckOf(ProjectCheckDto d, string? cite)
    {
        if (string.IsNullOrWhiteSpace(d.Id) || string.IsNullOrWhiteSpace(d.Title))
        {
            Error(d.Line, "a project check needs an 'id' and a Chinese 'title'");
            return null;
        }
        if ((d.Amount is null ? 0 : 1) + (d.Flag is null ? 0 : 1) + (d.Stage is null ? 0 : 1) != 1)
        {
            Error(d.Line, $"project check '{d.Id}' reads exactly one of 'amount', 'flag' or 'stage'");
            return null;
        }
        if (d.Stage is { } stage)
        {
            if (d.Ge is not null || d.Gt is not null || d.Le is not null || d.Lt is not null || d.Is is not null)
            {
                Error(d.Line, $"project check '{d.Id}' on a stage takes no operator");
                return null;
            }
            return new ProjectCheck(d.Id, d.Title, null, null, Comparison.Is, null, null, d.Cite ?? cite ?? "") { Stage = stage };
        }
        var ops = (d.Ge is not null ? 1 : 0) + (d.Gt is not null ? 1 : 0) + (d.Le is not null ? 1 : 0) + (d.Lt is not null ? 1 : 0) + (d.Is is not null ? 1 : 0);
        var numeric = d.Is is null;
        if (ops != 1 || numeric != (d.Amount is not null))
        {
            Error(d.Line, $"project check '{d.Id}' needs exactly one operator: ge, gt, le, lt for an amount, is for a flag");
            return null;
        }
        var (op, threshold) = d.Ge is { } ge ? (Comparison.Ge, (decimal?)ge) : d.Gt is { } gt ? (Comparison.Gt, gt) : d.Le is { } le ? (Comparison.Le, le) : d.Lt is { } lt ? (Comparison.Lt, lt) : (Comparison.Is, null);
        return new ProjectCheck(d.Id, d.Title, d.Amount, d.Flag, op, threshold, d.Is, d.Cite ?? cite ?? "");
    }

    private ClauseAmount? Amount(AmountDto a, string clause, Occasion occasion)
    {
        var shapes = (a.Fixed is not null ? 1 : 0) + (a.Rate is not null ? 1 : 0) + (a.Stages is not null ? 1 : 0) + (a.PerCase == true ? 1 : 0) + (a.Unstated == true ? 1 : 0);
        if (shapes != 1)
        {
            Error(a.Line, $"clause '{clause}': the amount needs exactly one of fixed, rate (with base), stages, perCase: true, unstated: true");
            return null;
        }
        var bound = a.Bound switch
        {
            null or "exact" => AmountBound.Exact,
            "upTo" => AmountBound.UpTo,
            "atLeast" => AmountBound.AtLeast,
            _ => (AmountBound?)null,
        };
        if (bound is null)
        {
            Error(a.Line, $"clause '{clause}': 'bound' must be exact, upTo or atLeast, got '{a.Bound}'");
        }
        NonNegative(a.Fixed, a.Line, "fixed");
        NonNegative(a.Cap, a.Line, "cap");
        NonNegative(a.PerFirmPerYearCap, a.Line, "perFirmPerYearCap");
        if (a.Rate is { } rate && rate <= 0)
        {
            Error(a.Line, $"clause '{clause}': 'rate' must be positive, got {rate}");
        }
        if (a.Rate is null && (a.Base is not null || a.Factors is not null || a.Cap is not null))
        {
            Error(a.Line, $"clause '{clause}': 'base', 'factors' and 'cap' belong to a rate formula");
        }
        AmountBase? amountBase = null;
        if (a.Rate is not null)
        {
            amountBase = Base(a.Base, a.Line, clause, occasion);
        }
        var factors = new List<Factor>();
        foreach (var f in a.Factors ?? [])
        {
            if (string.IsNullOrWhiteSpace(f.Id) || string.IsNullOrWhiteSpace(f.Title) || f.Value is not { } v || v <= 0)
            {
                Error(f.Line, $"clause '{clause}': a factor needs 'id', 'title' and a positive 'value'");
                continue;
            }
            factors.Add(new Factor(f.Id, f.Title, v, f.Note));
        }
        var stages = new List<Stage>();
        if (a.Stages is not null)
        {
            if (occasion != Occasion.Project)
            {
                Error(a.Line, $"clause '{clause}': staged payments follow a project's stage, so the trigger must be a project");
            }
            foreach (var s in a.Stages)
            {
                if (string.IsNullOrWhiteSpace(s.Id) || string.IsNullOrWhiteSpace(s.Title) || s.Amount is not { } amt || amt < 0)
                {
                    Error(s.Line, $"clause '{clause}': a stage needs 'id', 'title' and an 'amount' ≥ 0");
                    continue;
                }
                stages.Add(new Stage(s.Id, s.Title, amt));
            }
            if (stages.Count == 0)
            {
                Error(a.Line, $"clause '{clause}': 'stages' must not be empty");
            }
        }
        var local = a.SetLocally ?? [];
        var known = new HashSet<string>(factors.Select(f => f.Id), StringComparer.Ordinal);
        if (a.Rate is not null) { known.Add("rate"); }
        if (a.Cap is not null) { known.Add("cap"); }
        if (a.Fixed is not null) { known.Add("fixed"); }
        if (a.PerFirmPerYearCap is not null) { known.Add("perFirmPerYearCap"); }
        if (a.Stages is not null) { known.Add("stages"); }
        foreach (var k in local.Where(k => !known.Contains(k)))
        {
            Error(a.Line, $"clause '{clause}': setLocally names '{k}', which this formula does not have");
        }
        if (local.Count > 0 && string.IsNullOrWhiteSpace(a.LocalNote))
        {
            Error(a.Line, $"clause '{clause}': values set locally need a 'localNote' documenting the default used");
        }
        var kind = a.Fixed is not null ? FormulaKind.Fixed : a.Rate is not null ? FormulaKind.Rate : a.Stages is not null ? FormulaKind.Stages
            : a.Unstated == true ? FormulaKind.Unstated : FormulaKind.PerCase;
        return new ClauseAmount
        {
            Kind = kind,
            Fixed = a.Fixed,
            Rate = a.Rate,
            Base = amountBase,
            Factors = factors,
            Cap = a.Cap,
            Stages = stages,
            Bound = bound ?? AmountBound.Exact,
            PerFirmPerYearCap = a.PerFirmPerYearCap,
            SetLocally = local,
            LocalNote = a.LocalNote,
        };

        void NonNegative(decimal? value, int line, string key)
        {
            if (value is < 0)
            {
                Error(line, $"clause '{clause}': '{key}' must not be negative, got {value}");
            }
        }
    }

    private AmountBase? Base(BaseDto? b, int line, string clause, Occasion occasion)
    {
        if (b is null || (b.Project is null) == (b.Fact is null) || string.IsNullOrWhiteSpace(b.Title))
        {
            Error(b?.Line ?? line, $"clause '{clause}': a rate needs a 'base' with a Chinese 'title' and exactly one of 'project' (an amount of the project) or 'fact' (a profile fact)");
            return null;
        }
        if (b.Project is not null)
        {
            if (occasion != Occasion.Project)
            {
                Error(b.Line, $"clause '{clause}': a base read from the project needs a project trigger");
            }
            if (b.Year is not null)
            {
                Error(b.Line, $"clause '{clause}': 'year' goes with a fact base");
            }
            return new AmountBase(b.Project, null, null, b.Title);
        }
        if (!FactCatalog.All.TryGetValue(b.Fact!, out var def) || def.Kind != FactKind.Number)
        {
            Error(b.Line, $"clause '{clause}': base fact '{b.Fact}' is not a numeric fact");
            return null;
        }
        if (b.Year is not null && !def.AcceptedArgs.Contains("year"))
        {
            Error(b.Line, $"clause '{clause}': fact '{b.Fact}' does not take 'year'");
            return null;
        }
        return new AmountBase(null, def.Name, def.Bind(new FactArgs { Year = b.Year }), b.Title);
    }
}
