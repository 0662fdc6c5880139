using Tidu.Rules.Facts;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Model.Scoring;

namespace Tidu.Rules.Plans;

/// <summary>
/// Flattens the versions in force on one date into one array of steps: every condition tree of every tier and of
/// the size-class table, with includes inlined (the shared conditions in force on the date), thresholds and defaults
/// converted, and each indicator compiled to a <see cref="ScoreStep"/>. Generic over the rule model: every node and
/// indicator shape the loader produces has a step; a new shape fails here, loudly, until it has one.
/// </summary>
internal sealed class PlanCompiler(DateOnly asOf)
{
    private readonly List<Step> _steps = [];
    private readonly Dictionary<ConditionsVersion, int> _memos = new(ReferenceEqualityComparer.Instance);

    public Step[] Steps => [.. _steps];

    public int Memos => _memos.Count;

    /// <summary>Compiles <paramref name="c"/> and returns its root step.</summary>
    public int Condition(Condition c, string? parent)
    {
        var index = _steps.Count;
        switch (c)
        {
            case Check check:
                _steps.Add(new Step
                {
                    Kind = StepKind.Check,
                    Op = check.Op,
                    Expected = check.Expected ?? false,
                    HasExpected = check.Expected is not null,
                    HasThreshold = check.Threshold is not null,
                    Threshold = new Threshold(check.Threshold ?? 0m),
                    Set = check.Set?.ToArray(),
                    HasDefault = check.Default is not null,
                    Closable = FactCatalog.IsClosable(check.FactName),
                    Default = check.Default is null ? null : new(Step.Prepared(check.Default)),
                    Fact = check.Node,
                    Source = c,
                    Parent = parent,
                    Memo = -1,
                    End = index + 1,
                });
                return index;
            case Group group:
                _steps.Add(new Step { Kind = StepKind.Group, Required = group.Required, Members = group.Members.Count, Source = c, Parent = parent, Memo = -1 });
                foreach (var m in group.Members)
                {
                    Condition(m, group.Id);
                }
                break;
            case Include include:
                var version = include.Target.VersionOn(asOf);
                _steps.Add(new Step { Kind = StepKind.Include, Source = c, Parent = parent, Memo = -1, NotInForce = version is null ? include.Target : null });
                if (version is null)
                {
                    // Never evaluated past the throw; a passing placeholder keeps the array well formed.
                    _steps.Add(new Step { Kind = StepKind.Group, Required = 0, Members = 0, Source = c, Parent = include.Id, Memo = -1, End = index + 2 });
                    break;
                }
                var child = Condition(version.Conditions, include.Id);
                if (!ReadsTierScore(child))
                {
                    if (!_memos.TryGetValue(version, out var memo))
                    {
                        _memos[version] = memo = _memos.Count;
                    }
                    Set(index, memo);
                }
                break;
            default:
                throw new NotSupportedException($"the evaluation plan has no step for condition type {c.GetType().Name} ('{c.Id}')");
        }
        var s = _steps[index];
        s.End = _steps.Count;
        _steps[index] = s;
        return index;
    }

    private void Set(int index, int memo)
    {
        var s = _steps[index];
        s.Memo = memo;
        _steps[index] = s;
    }

    /// <summary>Whether the subtree at <paramref name="root"/> reads a fact that differs from tier to tier (the score).</summary>
    public bool ReadsTierScore(int root) => Range(root).Any(s => s.Fact is { PerTier: true });


    private IEnumerable<Step> Range(int root)
    {
        for (var i = root; i < _steps[root].End; i++)
        {
            yield return _steps[i];
        }
    }

    public ScoreStep Indicator(Indicator indicator) => indicator switch
    {
        BandIndicator b => new BandStep(b),
        BestIndicator b => new BestStep(b, [.. b.Readings.Select(Indicator)]),
        CasesIndicator c => new CasesStep(c, [.. c.Cases.Select(x => Condition(x.When, null))]),
        CountIndicator c => new CountStep(c, [.. c.Items.Select(x => Condition(x, null))]),
        MapIndicator m => new MapStep(m),
        PointsIndicator p => new AsPointsStep(p),
        StepsIndicator s => new StepsStep(s),
        _ => throw new NotSupportedException($"the evaluation plan has no step for indicator type {indicator.GetType().Name} ('{indicator.Id}')"),
    };

    public PlanTier Tier(RuleSet<TierVersion> set)
    {
        var version = set.VersionOn(asOf);
        var tier = new PlanTier(set, version);
        if (version is null)
        {
            return tier;
        }
        if (version.Score is { } card)
        {
            var dims = card.Dimensions.ToList();
            tier.HasScore = true;
            tier.Dimensions = dims;
            var first = _steps.Count;
            tier.Indicators = [.. card.Indicators.Select(Indicator)];
            tier.CardReadsScore = _steps.Skip(first).Any(s => s.Fact is { PerTier: true });
            tier.IndicatorDimension = [.. card.Indicators.Select(x => dims.FindIndex(d => d.Id == x.Dimension))];
        }
        tier.Root = Condition(version.Qualify, null);
        tier.CanNearMiss = Range(tier.Root).Any(s => s.Kind == StepKind.Check && s.Closable);
        return tier;
    }
}
