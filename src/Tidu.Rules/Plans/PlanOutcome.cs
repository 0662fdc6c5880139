using Tidu.Rules.Facts;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;

namespace Tidu.Rules.Plans;

/// <summary>
/// What outcome mode concluded about one enterprise, written in place (owned by a <see cref="PlanWorkspace"/> and
/// overwritten by the next evaluation): the size class, and per tier of <see cref="Plan"/> qualified, the score and
/// sub-scores, and — when asked for — how many decisive failures kept it out (0, 1 or "2 or more") and the first.
/// </summary>
public sealed class PlanOutcome
{
    private bool[] _qualified = [];
    private decimal[] _score = [];
    private decimal[][] _subScores = [];
    private int[] _decisive = [];
    private int[] _firstDecisive = [];
    private List<int>[] _decisiveSteps = [];

    public EvaluationPlan Plan { get; private set; } = null!;

    /// <summary>large, medium, small, micro, or null when not available.</summary>
    public string? SizeClass { get; internal set; }

    /// <summary>The size-class group the industry code fell in; null when the code is too coarse (<see cref="Ambiguity"/>).</summary>
    public SizeGroup? Group { get; internal set; }

    public string? Ambiguity { get; internal set; }

    internal MissingInput SizeMissing { get; set; }

    /// <summary>The size class is not available because an input of its table is missing.</summary>
    public bool HasSizeMissing { get; internal set; }

    /// <summary>The input the size class is missing (JSON Pointer), formatted on request.</summary>
    public string? SizeClassMissingField => Group is null ? "/industryCode" : HasSizeMissing ? SizeMissing.Path : null;

    public string? SizeClassMissingReason => Group is null ? Ambiguity : HasSizeMissing ? "an input of the size-class table is not available" : null;

    public bool Qualified(int tier) => _qualified[tier];

    /// <summary>The tier's total score; null for a tier without a scoring table.</summary>
    public decimal? Score(int tier) => Plan.Tiers[tier].HasScore ? _score[tier] : null;

    public decimal SubScore(int tier, int dimension) => _subScores[tier][dimension];

    /// <summary>
    /// Decisive failures found (counting stops at the limit the evaluation was given; with <see cref="NearMissMode.Count"/>
    /// 2 means "not a near miss": two or more, or a first one the enterprise cannot close, or none it could).
    /// </summary>
    public int DecisiveFailures(int tier) => _decisive[tier];

    /// <summary>
    /// The one check that alone kept a tier out, when the enterprise can close it (a near miss, 差一项), or null: a
    /// tier failing only on its size class, a title held first or a compliance record is not one (RuleIndex.IsNearMiss).
    /// </summary>
    public Check? NearMiss(int tier) =>
        !_qualified[tier] && _decisive[tier] == 1 && Plan.Steps[_firstDecisive[tier]] is { Closable: true, Source: Check check } ? check : null;

    internal void Begin(EvaluationPlan plan)
    {
        Plan = plan;
        var n = plan.Tiers.Count;
        if (_qualified.Length < n)
        {
            _qualified = new bool[n];
            _score = new decimal[n];
            _decisive = new int[n];
            _firstDecisive = new int[n];
            Array.Resize(ref _subScores, n);
            Array.Resize(ref _decisiveSteps, n);
        }
        for (var t = 0; t < n; t++)
        {
            var dims = plan.Tiers[t].Dimensions.Count;
            if (_subScores[t] is null || _subScores[t].Length < dims)
            {
                _subScores[t] = new decimal[Math.Max(dims, 4)];
            }
        }
        SizeClass = null;
        Group = null;
        Ambiguity = null;
        HasSizeMissing = false;
    }

    internal void SetTier(int tier, bool qualified, decimal score)
    {
        _qualified[tier] = qualified;
        _score[tier] = score;
        _decisive[tier] = 0;
        _firstDecisive[tier] = -1;
    }

    internal decimal[] SubScores(int tier) => _subScores[tier];

    internal void SetDecisive(int tier, int count, int first)
    {
        _decisive[tier] = count;
        _firstDecisive[tier] = first;
    }

    /// <summary>The list the evaluation fills with every decisive failure of a tier (<see cref="NearMissMode.All"/>).</summary>
    internal List<int> DecisiveList(int tier) => _decisiveSteps[tier] ??= [];

    /// <summary>Every decisive failure of a failed tier with the id of its enclosing group, in explanation order (<see cref="NearMissMode.All"/>).</summary>
    public IEnumerable<(Check Check, string? Parent)> DecisiveChecks(int tier) =>
        _qualified[tier] || _decisiveSteps[tier] is not { } list ? [] : list.Select(i => ((Check)Plan.Steps[i].Source, Plan.Steps[i].Parent));
}
