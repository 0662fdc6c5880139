using System.Globalization;
using Tidu.Domain.Display;
using Tidu.Domain.Profiles;
using Tidu.Domain.Projects;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Values;

namespace Tidu.Rules.Policies;

/// <summary>
/// 政策找企业: for one enterprise on a date, every clause in force where it is registered that it can claim, with
/// the amount, formula, inputs, caps and citation; then the highest-once rule (从高、从优、不重复: claims of one
/// exclusivity group for the same project are paid once, the highest), then per-firm-per-year caps. Clauses whose
/// occasion exists but which miss exactly one requirement are listed with what is missing.
/// Amounts are decimal 万元, rounded to 0.0001 万元 (one yuan), half away from zero, after caps.
/// Stateless and thread-safe.
/// </summary>
public sealed class AwardCalculator(PolicyCatalog catalog, RegionTree regions)
{
    /// <summary>Issuer of recognitions projected from the tier evaluation in simulations.</summary>
    public const string ProjectedIssuer = "projected";

    public PolicyCatalog Catalog { get; } = catalog;

    /// <param name="profile">The enterprise.</param>
    /// <param name="asOf">The date: clauses in force, recognitions valid, last year's figures.</param>
    /// <param name="projects">Projects of this enterprise (others are ignored).</param>
    /// <param name="evaluation">The enterprise's tier evaluation on the same date (size class, tiers qualified).</param>
    /// <param name="projectQualifiedTiers">
    /// Treat every tier the evaluation finds qualified, and not yet held, as recognised on the date: what a
    /// simulation budgets for. Without it such tiers only show up as near misses ("apply first").
    /// </param>
    public EnterpriseAwards Match(EnterpriseProfile profile, DateOnly asOf, IReadOnlyList<Project> projects, EnterpriseEvaluation? evaluation, bool projectQualifiedTiers = false)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(projects);
        var context = new EvaluationContext(profile, asOf) { SizeClass = evaluation?.SizeClass.SizeClass, SizeClassMissingField = evaluation?.SizeClass.MissingField };
        var qualified = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in evaluation?.Tiers ?? [])
        {
            context.TierQualified[t.Tier] = t.Qualified;
            if (t.Qualified)
            {
                qualified.Add(t.Tier);
            }
        }
        var recognitions = (profile.Recognitions ?? []).ToList();
        if (projectQualifiedTiers)
        {
            foreach (var tier in qualified.Where(t => !recognitions.Any(r => r.Tier == t && r.IsValidOn(asOf))).Order(StringComparer.Ordinal))
            {
                recognitions.Add(new Recognition(tier, asOf, null, ProjectedIssuer));
            }
        }
        var state = new State(profile, asOf, context, recognitions, qualified, projects);
        var claims = new List<Claim>();
        var services = new List<Claim>();
        var nearMisses = new List<NearMiss>();
        foreach (var clause in Catalog.InForce(profile.RegionCode, asOf, regions))
        {
            foreach (var (occasion, failures, claim) in Candidates(clause, state))
            {
                if (failures.Count == 0 && claim is not null)
                {
                    (clause.Support == SupportKind.Award ? claims : services).Add(claim);
                }
                else if (failures.Count == 1)
                {
                    nearMisses.Add(new NearMiss(clause, occasion, failures));
                }
            }
        }
        var (paid, excluded) = Stack(claims);
        return new EnterpriseAwards(profile.CreditCode, profile.Name, profile.RegionCode, asOf, YearCaps(paid), excluded, services, nearMisses);
    }

    private sealed record State(EnterpriseProfile Profile, DateOnly AsOf, EvaluationContext Context, List<Recognition> Recognitions, HashSet<string> Qualified, IReadOnlyList<Project> Projects);

    private static IEnumerable<(string Occasion, List<string> Failures, Claim? Claim)> Candidates(PolicyClause clause, State s)
    {
        var from = clause.Version.EffectiveFrom;
        var to = clause.Version.EffectiveTo is { } end && end < s.AsOf ? end : s.AsOf;
        switch (clause.Occasion)
        {
            case Occasion.Recognition:
                var tier = clause.RecognitionTier!;
                var within = s.Recognitions.Where(r => r.Tier == tier && r.RecognizedOn >= from && r.RecognizedOn <= to).ToList();
                if (within.Count == 0)
                {
                    if (s.Qualified.Contains(tier))
                    {
                        yield return ($"按评价已符合{TierTitle(tier)}认定条件", [$"尚未获得{TierTitle(tier)}认定（有效期内、{from:yyyy-MM-dd}之后认定）：请先申请认定"], null);
                    }
                    yield break;
                }
                foreach (var r in within)
                {
                    var text = $"{r.RecognizedOn:yyyy-MM-dd} 获{TierTitle(tier)}认定" + (r.Issuer == ProjectedIssuer ? "（模拟：按评价结果视为认定）" : "");
                    var failures = new List<string>();
                    if (!r.IsValidOn(s.AsOf))
                    {
                        failures.Add($"认定已于 {r.ValidUntil:yyyy-MM-dd} 到期，评价日不在有效期内");
                    }
                    yield return Finish(clause, s, text, $"recognition:{tier}:{r.RecognizedOn:yyyy-MM-dd}", r.RecognizedOn, null, failures, r.Issuer == ProjectedIssuer);
                }
                break;
            case Occasion.Project:
                foreach (var p in s.Projects.Where(p => p.CreditCode == s.Profile.CreditCode && p.Purpose == clause.ProjectPurpose && p.Date >= from && p.Date <= to))
                {
                    // Level and market select which clause pays a project; they are not requirements to be met.
                    if (clause.ProjectLevels is { } levels && (p.Level is null || !levels.Contains(p.Level)))
                    {
                        if (p.Level is null)
                        {
                            yield return ($"项目 {p.Id}", [$"项目 {p.Id} 缺少 level（{string.Join("/", levels)}）"], null);
                        }
                        continue;
                    }
                    if (clause.ProjectMarkets is { } markets && (p.Market is null || !markets.Contains(p.Market)))
                    {
                        if (p.Market is null)
                        {
                            yield return ($"项目 {p.Id}", [$"项目 {p.Id} 缺少 market（{string.Join("/", markets)}）"], null);
                        }
                        continue;
                    }
                    var failures = new List<string>();
                    foreach (var check in clause.ProjectChecks)
                    {
                        if (ProjectCheckFailure(check, p) is { } f)
                        {
                            failures.Add(f);
                        }
                    }
                    var text = $"项目 {p.Id}" + (p.Title is null ? "" : $"「{p.Title}」") + $"（{p.Date:yyyy-MM-dd}）";
                    yield return Finish(clause, s, text, $"project:{p.Id}", p.Date, p, failures, false);
                }
                break;
            default:
                yield return Finish(clause, s, $"{s.AsOf.Year} 年度", $"year:{s.AsOf.Year}", s.AsOf, null, [], false);
                break;
        }
    }

    private static (string, List<string>, Claim?) Finish(PolicyClause clause, State s, string occasion, string key, DateOnly date, Project? project, List<string> failures, bool projected)
    {
        if (clause.Holds.Count > 0 && !s.Recognitions.Any(r => clause.Holds.Contains(r.Tier) && r.IsValidOn(s.AsOf)))
        {
            var hint = clause.Holds.Any(s.Qualified.Contains) ? "（按评价已符合认定条件：请先申请认定）" : "";
            failures.Add($"需持有有效的{string.Join("或", clause.Holds.Select(TierTitle))}认定{hint}");
        }
        if (clause.Conditions is { } conditions)
        {
            // A full explanation (the trees are small) so each failure can state its actual and required values.
            var sink = new ExplanationSink();
            if (!conditions.Evaluate(s.Context, sink, null))
            {
                failures.AddRange(Explanations.DecisiveFailures(sink.Results).Where(r => r.Kind == "check").Select(Describe));
            }
        }
        Claim? claim = null;
        if (clause.Support == SupportKind.Service)
        {
            claim = new Claim { Clause = clause, ProjectKey = key, OccasionText = occasion, Year = date.Year, Date = date, Formula = clause.Benefit!, Projected = projected };
        }
        else if (Compute(clause.Amount!, s, project, failures) is { } computed)
        {
            claim = new Claim
            {
                Clause = clause,
                ProjectKey = key,
                OccasionText = occasion,
                Year = date.Year,
                Date = date,
                Amount = computed.Amount,
                Formula = computed.Formula,
                Inputs = computed.Inputs,
                Caps = computed.Caps,
                Projected = projected,
            };
        }
        return (occasion, failures, claim);
    }

    /// <summary>A failed condition in words: its title, the actual value and the requirement, by their Chinese names.</summary>
    private static string Describe(CheckResult r) =>
        r.MissingField is { } m && !r.Defaulted
            ? $"{r.Title}：缺少数据（{FieldNames.Of(m)}）"
            : $"{r.Title}：实际 {(r.Actual is null ? "不可得" : DisplayNames.Value(r.Actual))}{r.Unit}，要求 {Requirements.Describe(r.Required, r.Unit)}";

    private static string? ProjectCheckFailure(ProjectCheck check, Project p)
    {
        if (check.Stage is { } stage)
        {
            return p.Stage is null ? $"{check.Title}：项目 {p.Id} 缺少 stage" : p.Stage == stage ? null : $"{check.Title}：项目 {p.Id} 的进度为 {p.Stage}";
        }
        if (check.Amount is { } name)
        {
            if (!p.Amounts.TryGetValue(name, out var v))
            {
                return $"{check.Title}：项目 {p.Id} 缺少 amounts.{name}";
            }
            var ok = check.Operator switch
            {
                Comparison.Ge => v >= check.Threshold,
                Comparison.Gt => v > check.Threshold,
                Comparison.Le => v <= check.Threshold,
                _ => v < check.Threshold,
            };
            return ok ? null : $"{check.Title}：实际 {v.ToString("0.####", CultureInfo.InvariantCulture)} 万元，要求 {Symbol(check.Operator)} {check.Threshold?.ToString("0.####", CultureInfo.InvariantCulture)} 万元";
        }
        if (!p.Flags.TryGetValue(check.Flag!, out var flag))
        {
            return $"{check.Title}：项目 {p.Id} 缺少 flags.{check.Flag}";
        }
        return flag == check.Expected ? null : $"{check.Title}：项目 {p.Id} 的 flags.{check.Flag} 为 {(flag ? "true" : "false")}";
    }

    private static string Symbol(Comparison op) => op switch { Comparison.Ge => "≥", Comparison.Gt => ">", Comparison.Le => "≤", _ => "<" };

    private sealed record Computed(decimal? Amount, string Formula, IReadOnlyList<AwardInput> Inputs, IReadOnlyList<CapApplied> Caps);

    /// <summary>Applies the formula; a missing input adds a failure and yields nothing.</summary>
    private static Computed? Compute(ClauseAmount a, State s, Project? project, List<string> failures)
    {
        var bound = a.Bound switch { AmountBound.UpTo => "最高", AmountBound.AtLeast => "不低于", _ => "" };
        switch (a.Kind)
        {
            case FormulaKind.Fixed:
                return new Computed(Round(a.Fixed!.Value), $"{bound}定额 {Num(a.Fixed!.Value)} 万元", [], []);
            case FormulaKind.PerCase:
                return new Computed(null, "金额个案确定（不计入合计）", [], []);
            case FormulaKind.Unstated:
                return new Computed(null, "文件未载明金额（不计入合计）", [], []);
            case FormulaKind.Stages:
                var reached = project?.Stage is { } st ? a.Stages.ToList().FindIndex(x => x.Id == st) : -1;
                if (reached < 0)
                {
                    failures.Add($"项目 {project?.Id} 的 stage 须为 {string.Join("/", a.Stages.Select(x => x.Id))} 之一，实际 {project?.Stage ?? "未提供"}");
                    return null;
                }
                var paidStages = a.Stages.Take(reached + 1).ToList();
                return new Computed(Round(paidStages.Sum(x => x.Amount)),
                    $"按进度分阶段：{string.Join(" + ", paidStages.Select(x => $"{x.Title} {Num(x.Amount)}"))} 万元（共 {Num(a.Stages.Sum(x => x.Amount))} 万元）", [], []);
            default:
                var b = a.Base!;
                decimal baseValue;
                string source;
                if (b.ProjectAmount is { } name)
                {
                    if (project is null || !project.Amounts.TryGetValue(name, out baseValue))
                    {
                        failures.Add($"{b.Title}：项目 {project?.Id} 缺少 amounts.{name}");
                        return null;
                    }
                    source = $"project {project.Id} amounts.{name}";
                }
                else
                {
                    var v = b.Fact!(s.Context);
                    if (!v.IsAvailable || v.Kind != FactKind.Number)
                    {
                        failures.Add($"{b.Title}：缺少输入 {v.MissingField}");
                        return null;
                    }
                    baseValue = v.Number.ToDecimal();
                    source = $"profile {b.FactName}";
                }
                var inputs = new List<AwardInput> { new("rate", "比例", a.Rate!.Value, "rule"), new(b.ProjectAmount ?? b.FactName!, b.Title, baseValue, source) };
                var raw = a.Rate.Value * baseValue;
                foreach (var f in a.Factors)
                {
                    inputs.Add(new AwardInput(f.Id, f.Title, f.Value, "rule"));
                    raw *= f.Value;
                }
                var caps = new List<CapApplied>();
                var amount = raw;
                if (a.Cap is { } cap)
                {
                    amount = Math.Min(raw, cap);
                    caps.Add(new CapApplied("perAward", cap, Round(raw), Round(amount)));
                }
                var factors = string.Concat(a.Factors.Select(f => $" × {f.Title} {Num(f.Value)}"));
                var formula = $"{bound}{Num(a.Rate.Value * 100)}% × {b.Title} {Num(baseValue)} 万元{factors}" + (a.Cap is { } c2 ? $"，单笔上限 {Num(c2)} 万元" : "");
                return new Computed(Round(amount), formula, inputs, caps);
        }
    }

    /// <summary>从高、从优、不重复: per exclusivity group and project, the highest claim is paid; ties go to the clause id first in ordinal order.</summary>
    private static (List<Claim> Paid, List<Claim> Excluded) Stack(List<Claim> claims)
    {
        var paid = new List<Claim>();
        var excluded = new List<Claim>();
        foreach (var group in claims.GroupBy(c => (Group: c.Clause.ExclusivityGroup ?? "clause:" + c.Clause.Id, c.ProjectKey)))
        {
            var ordered = group.OrderByDescending(c => c.Amount ?? -1m).ThenBy(c => c.Clause.Id, StringComparer.Ordinal).ToList();
            var best = ordered[0];
            paid.Add(best);
            foreach (var other in ordered.Skip(1))
            {
                var rule = best.Clause.Document.Stacking ?? other.Clause.Document.Stacking;
                excluded.Add(other with { ExcludedBy = best.Clause.Id, ExclusionCite = rule is null ? null : $"{rule.Rule}（{rule.Cite}）" });
            }
        }
        return (paid.OrderBy(c => c.Date).ThenBy(c => c.Clause.Id, StringComparer.Ordinal).ToList(), excluded);
    }

    /// <summary>Per-firm-per-year caps: claims of one clause in one calendar year, in date order, until the cap is used up.</summary>
    private static List<Claim> YearCaps(List<Claim> paid)
    {
        var used = new Dictionary<(string, int), decimal>();
        var result = new List<Claim>(paid.Count);
        foreach (var c in paid)
        {
            if (c.Clause.Amount?.PerFirmPerYearCap is not { } cap || c.Amount is not { } amount)
            {
                result.Add(c);
                continue;
            }
            var key = (c.Clause.Id, c.Year);
            var before = used.GetValueOrDefault(key);
            var after = Math.Max(0m, Math.Min(amount, cap - before));
            used[key] = before + after;
            result.Add(after == amount ? c : c with { Amount = after, Caps = [.. c.Caps, new CapApplied("perFirmPerYear", cap, amount, after)] });
        }
        return result;
    }

    private static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static string Num(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string TierTitle(string tier) => tier switch
    {
        "innovative-sme" => "创新型中小企业",
        "specialized-sme" => "专精特新中小企业",
        "little-giant" => "专精特新“小巨人”企业",
        "key-little-giant" => "重点“小巨人”企业",
        "hidden-champion" => "“隐形冠军”企业",
        "single-champion-enterprise" => "制造业单项冠军企业",
        "single-champion-product" => "制造业单项冠军产品",
        _ => tier,
    };
}
