using System.Runtime.CompilerServices;
using Tidu.Rules.Facts;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Values;

namespace Tidu.Rules.Plans;

/// <summary>
/// Runs a plan's steps for one evaluation: a group stops as soon as its outcome is decided (facts are pure, so
/// skipping a member changes nothing but time), an include of shared conditions is evaluated once per evaluation.
/// Owned by a <see cref="PlanWorkspace"/> and reused, so running allocates nothing.
/// </summary>
internal sealed class PlanRun
{
    private int[] _memoStamp = new int[8];
    private bool[] _memoValue = new bool[8];
    private int _generation;

    private int[] _state = [];
    private double[] _values = [];

    public Step[] Steps { get; private set; } = [];

    /// <summary>The arrays the parts of a compiled plan share for one evaluation (what each fact and memo is), cleared.</summary>
    public (int[] State, double[] Values) Shared(CompiledOutcome compiled)
    {
        if (_state.Length < compiled.States)
        {
            _state = new int[compiled.States];
        }
        if (_values.Length < compiled.Facts.Length)
        {
            _values = new double[compiled.Facts.Length];
        }
        Array.Clear(_state, 0, compiled.States);
        return (_state, _values);
    }

    public EvaluationContext Context { get; private set; } = null!;

    public void Begin(Step[] steps, int memos, EvaluationContext context)
    {
        Steps = steps;
        Context = context;
        if (_memoStamp.Length < memos)
        {
            _memoStamp = new int[memos];
            _memoValue = new bool[memos];
            _generation = 0;
        }
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_memoStamp);
            _generation = 1;
        }
    }

    /// <summary>
    /// Takes over what a compiled plan found for the shared conditions (state[m]: 0 not evaluated, 1 failed, 2 passed), so
    /// the search for decisive failures that follows does not evaluate them again.
    /// </summary>
    public void AdoptMemos(int[] state, int memos)
    {
        for (var m = 0; m < memos; m++)
        {
            if (state[m] != 0)
            {
                _memoValue[m] = state[m] == 2;
                _memoStamp[m] = _generation;
            }
        }
    }

    /// <summary>Whether the condition at step <paramref name="i"/> holds.</summary>
    public bool Eval(int i)
    {
        ref var s = ref Steps[i];
        switch (s.Kind)
        {
            case StepKind.Check:
                return Check(ref s);
            case StepKind.Group:
                var passed = 0;
                var left = s.Members;
                for (var j = i + 1; j < s.End; j = Steps[j].End)
                {
                    left--;
                    if (Eval(j))
                    {
                        if (++passed >= s.Required)
                        {
                            return true;
                        }
                    }
                    else if (passed + left < s.Required)
                    {
                        return false;
                    }
                }
                return passed >= s.Required;
            default:
                if (s.NotInForce is { } set)
                {
                    set.RequireVersionOn(Context.AsOf); // throws, naming the versions that exist
                }
                if (s.Memo < 0)
                {
                    return Eval(i + 1);
                }
                if (_memoStamp[s.Memo] == _generation)
                {
                    return _memoValue[s.Memo];
                }
                var ok = Eval(i + 1);
                _memoValue[s.Memo] = ok;
                _memoStamp[s.Memo] = _generation;
                return ok;
        }
    }

    private bool Check(ref Step s)
    {
        ref var v = ref Context.Slot(s.Fact!);
        if (v.IsAvailable)
        {
            return Test(ref s, ref v);
        }
        return s.Default is { } d && Test(ref s, ref d.Value);
    }

    /// <summary>The rule's comparison, exactly as <see cref="Model.Conditions.Check.Test"/> decides it.</summary>
    internal static bool Test(ref Step s, ref FactResult v)
    {
        switch (v.Kind)
        {
            case FactKind.Number:
                if (!s.HasThreshold)
                {
                    return false;
                }
                var cmp = v.CompareTo(in s.Threshold);
                return s.Op switch
                {
                    Comparison.Ge => cmp >= 0,
                    Comparison.Gt => cmp > 0,
                    Comparison.Le => cmp <= 0,
                    Comparison.Lt => cmp < 0,
                    _ => false,
                };
            case FactKind.Boolean:
                return s.Op == Comparison.Is && s.HasExpected && v.Boolean == s.Expected;
            case FactKind.Text:
                return s.Op switch
                {
                    Comparison.In => Contains(s.Set!, v.Text!),
                    Comparison.NotIn => !Contains(s.Set!, v.Text!),
                    _ => false,
                };
            default:
                return false;
        }
    }

    internal static bool Contains(string[] set, string value)
    {
        foreach (var x in set)
        {
            if (string.Equals(x, value, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The decisive failures under step <paramref name="i"/>, which failed — failed checks none of whose enclosing groups
    /// passed — counted up to <paramref name="limit"/>; the first is kept in <paramref name="first"/>, all in
    /// <paramref name="all"/> when given. Members that pass drop out; only failed ones are looked into. Without
    /// <paramref name="all"/> (telling a near miss) a first failure the enterprise cannot close ends the count at the limit.
    /// </summary>
    public int DecisiveUnder(int i, int limit, ref int first, List<int>? all)
    {
        ref var s = ref Steps[i];
        if (s.Kind == StepKind.Check)
        {
            if (first < 0)
            {
                first = i;
                if (all is null && !s.Closable)
                {
                    return limit; // counting for a near miss: a first failure the enterprise cannot close rules it out
                }
            }
            all?.Add(i);
            return 1;
        }
        var n = 0;
        for (var j = i + 1; j < s.End; j = Steps[j].End)
        {
            if (!Eval(j))
            {
                n += DecisiveUnder(j, limit - n, ref first, all);
                if (n >= limit)
                {
                    break;
                }
            }
        }
        return n;
    }

    /// <summary>Every check under step <paramref name="i"/> in pre-order (to find the first missing input of the size-class table).</summary>
    public bool FirstMissing(int i, out MissingInput missing)
    {
        ref var s = ref Steps[i];
        for (var j = i; j < s.End; j++)
        {
            ref var c = ref Steps[j];
            if (c.Kind == StepKind.Include && c.NotInForce is { } set)
            {
                set.RequireVersionOn(Context.AsOf);
            }
            if (c.Kind != StepKind.Check)
            {
                continue;
            }
            ref readonly var v = ref Context.Read(c.Fact!);
            if (!v.IsAvailable && !c.HasDefault)
            {
                missing = v.Missing;
                return true;
            }
        }
        missing = default;
        return false;
    }
}
