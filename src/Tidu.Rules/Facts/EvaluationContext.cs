using System.Runtime.CompilerServices;
using Tidu.Domain.Profiles;

namespace Tidu.Rules.Facts;

/// <summary>
/// Everything facts may read while one enterprise is evaluated on one date: the profile, the date D, the
/// last complete fiscal year Y = D.year − 1, the size class, and the tier results computed so far — and one slot per
/// fact, so each fact is computed at most once per evaluation. A context can be reset for the next enterprise and
/// reused (the engine keeps one per thread), so evaluating allocates nothing.
/// </summary>
public sealed class EvaluationContext
{
    /// <summary>Years kept at hand around Y: Y−6 … Y+1 (rule files read Y−2 … Y; other years are searched for).</summary>
    private const int YearsBefore = 6;
    private const int YearWindow = YearsBefore + 2;

    private readonly FinancialYear?[] _years = new FinancialYear?[YearWindow];
    private bool _yearsLoaded;
    private int _generation = 1;
    private FactResult[] _values;
    private MissingInput _sizeMissing;
    private bool _hasSizeMissing;

    public EvaluationContext(EnterpriseProfile profile, DateOnly asOf)
    {
        Profile = profile;
        AsOf = asOf;
        LastYear = asOf.Year - 1;
        _values = new FactResult[Math.Max(64, FactNode.Count)];
    }

    public EnterpriseProfile Profile { get; private set; }
    public DateOnly AsOf { get; private set; }

    /// <summary>Y: the calendar year before the evaluation date (上年度).</summary>
    public int LastYear { get; private set; }

    /// <summary>Size class name (large/medium/small/micro), or null when not available.</summary>
    public string? SizeClass { get; set; }

    /// <summary>The input the size class could not do without (JSON Pointer), when it is not available.</summary>
    public string? SizeClassMissingField
    {
        get => _hasSizeMissing ? _sizeMissing.Path : null;
        set
        {
            _hasSizeMissing = value is not null;
            _sizeMissing = value is null ? default : MissingInput.Static(value);
        }
    }

    /// <summary>The missing input of the size class as the engine found it (formatted only when asked for).</summary>
    internal void SetSizeClassMissing(in MissingInput missing)
    {
        _sizeMissing = missing;
        _hasSizeMissing = true;
    }

    internal bool TryGetSizeClassMissing(out MissingInput missing)
    {
        missing = _sizeMissing;
        return _hasSizeMissing;
    }

    /// <summary>Checks evaluated without an explanation that met a "not available" input (lets callers skip explaining).</summary>
    public int MissingReads { get; set; }

    /// <summary>Results of tiers already evaluated, by tier id (for "holds" advice).</summary>
    public Dictionary<string, bool> TierQualified { get; } = new(StringComparer.Ordinal);

    /// <summary>The score of the tier being evaluated: total and per dimension.</summary>
    public decimal? CurrentScore { get; set; }

    public Dictionary<string, decimal> CurrentSubScores { get; } = new(StringComparer.Ordinal);

    // The compiled plan's sub-scores of the tier being evaluated (ids and running points), read instead of
    // CurrentSubScores while set: the plan fills arrays it owns rather than a dictionary.
    private IReadOnlyList<Model.Scoring.Dimension>? _planDimensions;
    private decimal[]? _planSubScores;

    internal void UsePlanSubScores(IReadOnlyList<Model.Scoring.Dimension>? dimensions, decimal[]? points)
    {
        _planDimensions = dimensions;
        _planSubScores = points;
    }

    /// <summary>The current tier's points in dimension <paramref name="dimension"/>.</summary>
    public bool TryGetSubScore(string dimension, out decimal points)
    {
        if (_planDimensions is { } dims)
        {
            for (var d = 0; d < dims.Count; d++)
            {
                if (string.Equals(dims[d].Id, dimension, StringComparison.Ordinal))
                {
                    points = _planSubScores![d];
                    return true;
                }
            }
            points = 0m;
            return false;
        }
        return CurrentSubScores.TryGetValue(dimension, out points);
    }

    /// <summary>Starts over for another enterprise or date: every slot is stale, every result forgotten.</summary>
    public void Reset(EnterpriseProfile profile, DateOnly asOf)
    {
        Profile = profile;
        AsOf = asOf;
        LastYear = asOf.Year - 1;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_values);
            _generation = 1;
        }
        if (_yearsLoaded)
        {
            Array.Clear(_years);
            _yearsLoaded = false;
        }
        SizeClass = null;
        _hasSizeMissing = false;
        MissingReads = 0;
        CurrentScore = null;
        if (TierQualified.Count > 0)
        {
            TierQualified.Clear();
        }
        if (CurrentSubScores.Count > 0)
        {
            CurrentSubScores.Clear();
        }
        _planDimensions = null;
        _planSubScores = null;
    }

    /// <summary>The value of <paramref name="fact"/>, computed on first read and kept for this evaluation.</summary>
    public ref readonly FactResult Read(FactNode fact) => ref Slot(fact);

    /// <summary>The slot itself: comparisons keep the value's double approximation in it.</summary>
    internal ref FactResult Slot(FactNode fact)
    {
        var id = fact.Id;
        var values = _values;
        if ((uint)id >= (uint)values.Length)
        {
            values = Grow();
        }
        ref var slot = ref values[id];
        if (slot.Stamp != _generation || fact.Volatile)
        {
            // Inputs have smaller ids than the node that reads them, so computing them never grows the array under us.
            fact.Compute(this, ref slot);
            slot.Stamp = _generation;
        }
        return ref slot;
    }

    private FactResult[] Grow()
    {
        Array.Resize(ref _values, Math.Max(FactNode.Count, _values.Length * 2));
        return _values;
    }

    /// <summary>The financial entry of <paramref name="year"/> (the first one listed), or null when the profile has none.</summary>
    public FinancialYear? YearEntry(int year)
    {
        if (!_yearsLoaded)
        {
            LoadYears();
        }
        // Unchecked: a year far outside the window (hostile input) wraps to a large index and is looked up in the input.
        var i = unchecked(year - (LastYear - YearsBefore));
        return unchecked((uint)i) < YearWindow ? _years[i] : Profile.FinancialsOf(year);
    }

    /// <summary>Index of the entry of <paramref name="year"/> in the input's financials, or -1.</summary>
    public int InputIndexOfYear(int year) => YearEntry(year)?.InputIndex ?? -1;

    private void LoadYears()
    {
        var first = LastYear - YearsBefore;
        if (Profile.Financials is FinancialYear[] array)
        {
            foreach (var f in array)
            {
                Place(f, first);
            }
        }
        else
        {
            var list = Profile.Financials;
            for (var k = 0; k < list.Count; k++)
            {
                Place(list[k], first);
            }
        }
        _yearsLoaded = true;
    }

    private void Place(FinancialYear f, int first)
    {
        var i = unchecked(f.Year - first);
        if (unchecked((uint)i) < YearWindow)
        {
            _years[i] ??= f;
        }
    }
}
