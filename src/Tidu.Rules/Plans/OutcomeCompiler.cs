using System.Linq.Expressions;
using System.Reflection;
using Tidu.Rules.Facts;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Values;

namespace Tidu.Rules.Plans;

/// <summary>
/// One tier version of a plan's outcome mode as one method. <c>state</c> holds per shared condition its result and per
/// fact read so far its load code, <c>values</c> the facts' values; both are the evaluation's (cleared before it), so
/// the parts share what they computed. <c>facts</c> are the facts by index (an array, not the closure's constants:
/// reading those costs a type check each).
/// </summary>
internal delegate void CompiledPart(EvaluationPlan plan, EvaluationContext context, PlanRun run, PlanOutcome outcome, int[] state, double[] values, FactNode[] facts);

/// <summary>A plan compiled: one part per tier, in evaluation order, and the sizes of the arrays they share.</summary>
internal sealed record CompiledOutcome(CompiledPart[] Parts, int States, FactNode[] Facts);

/// <summary>
/// Compiles a plan's steps into one delegate per tier version (System.Linq.Expressions,
/// docs/adr/0018-compiled-outcome-mode.md): every fact the plan reads is loaded once per evaluation — its kind and its
/// value as a double, into the arrays the parts share — on first use; a check is
/// a comparison of that double with the threshold's interval, decided exactly only at the threshold's edge; groups
/// short-circuit; shared conditions are evaluated once; bands are a chain of constant comparisons; whole points are
/// summed in longs. Every decision is the interpreter's (<see cref="PlanRun"/>), the same function of the same slots:
/// a shape the compiler does not specialise calls the interpreter's step for it.
/// </summary>
internal sealed class OutcomeCompiler
{
    // Load codes: 0 not read yet, then 1 + FactKind (1 not available, 2 number, 3 boolean, 4 text).
    private const int NotRead = 0;
    private const int Missing = 1 + (int)FactKind.NotAvailable;
    private const int Number = 1 + (int)FactKind.Number;
    private const int Boolean = 1 + (int)FactKind.Boolean;
    private const int Text = 1 + (int)FactKind.Text;

    private static readonly MethodInfo LoadMethod = Method(nameof(Load));
    private static readonly MethodInfo ExactMethod = Method(nameof(Exact));
    private static readonly MethodInfo InSetMethod = Method(nameof(InSet));
    private static readonly MethodInfo MinMethod = typeof(Math).GetMethod(nameof(Math.Min), [typeof(long), typeof(long)])!;
    private static readonly MethodInfo WholeMethod = typeof(ScoreStep).GetMethod(nameof(ScoreStep.Whole))!;

    private readonly EvaluationPlan _plan;
    private readonly Step[] _steps;
    private readonly ParameterExpression _context = Expression.Parameter(typeof(EvaluationContext), "context");
    private readonly ParameterExpression _run = Expression.Parameter(typeof(PlanRun), "run");
    private readonly ParameterExpression _outcome = Expression.Parameter(typeof(PlanOutcome), "outcome");
    private readonly ParameterExpression _state = Expression.Parameter(typeof(int[]), "state");
    private readonly ParameterExpression _values = Expression.Parameter(typeof(double[]), "values");
    private readonly ParameterExpression _nodes = Expression.Parameter(typeof(FactNode[]), "facts");
    private readonly ParameterExpression _self = Expression.Parameter(typeof(EvaluationPlan), "plan");

    // Per fact its index into values and, after the memos, into state.
    private readonly Dictionary<FactNode, int> _facts = new(ReferenceEqualityComparer.Instance);

    public OutcomeCompiler(EvaluationPlan plan)
    {
        _plan = plan;
        _steps = plan.Steps;
    }

    /// <summary>
    /// One delegate per tier version: the JIT compiles a method past a few thousand branches without optimizing it (a
    /// whole plan in one method measured slower than the interpreter). The size-class table stays with the interpreter:
    /// compiled (one switch over its industry groups) it measured slower and took half the compile time.
    /// </summary>
    public CompiledOutcome Compile()
    {
        var parts = new List<CompiledPart>();
        for (var t = 0; t < _plan.Tiers.Count; t++)
        {
            parts.Add(Part(_plan.Tiers[t].Id, Tier(t)));
        }
        return new CompiledOutcome([.. parts], _plan.Memos + _facts.Count, [.. _facts.OrderBy(f => f.Value).Select(f => f.Key)]);
    }

    private CompiledPart Part(string name, Expression body) =>
        Expression.Lambda<CompiledPart>(Expression.Block(typeof(void), body), name, [_self, _context, _run, _outcome, _state, _values, _nodes]).Compile();

    private static MethodInfo Method(string name) => typeof(OutcomeCompiler).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A call of one of the plan's own methods (instance or static) that the delegate shares with the interpreter.</summary>
    private MethodCallExpression Call(string name, params Expression[] args)
    {
        var method = typeof(EvaluationPlan).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static, [.. args.Select(a => a.Type)])
            ?? throw new MissingMethodException(nameof(EvaluationPlan), name);
        return method.IsStatic ? Expression.Call(method, args) : Expression.Call(_self, method, args);
    }

    // ---- tiers ----

    private Expression Tier(int t)
    {
        var tier = _plan.Tiers[t];
        if (tier.Version is null)
        {
            return Call(nameof(EvaluationPlan.NoVersion), Expression.Constant(t));
        }
        var subs = Expression.Variable(typeof(decimal[]), "subs" + t);
        var score = Expression.Variable(typeof(decimal), "score" + t);
        var body = new List<Expression>
        {
            Expression.Assign(subs, Call(nameof(EvaluationPlan.BeginTier), _context, _outcome, Expression.Constant(t))),
            Expression.Assign(score, Expression.Constant(0m)),
        };
        if (tier.HasScore)
        {
            body.Add(tier.CardReadsScore
                ? Expression.Assign(score, Call(nameof(EvaluationPlan.Score), Expression.Constant(tier), _run, subs))
                : Score(tier, subs, score));
            body.Add(Expression.Assign(Expression.Property(_context, nameof(EvaluationContext.CurrentScore)), Expression.Convert(score, typeof(decimal?))));
        }
        var qualified = Condition(tier.Root);
        body.Add(Expression.Call(_outcome, typeof(PlanOutcome).GetMethod(nameof(PlanOutcome.SetTier), BindingFlags.NonPublic | BindingFlags.Instance)!, Expression.Constant(t), qualified, score));
        return Expression.Block(typeof(void), [subs, score], body);
    }

    /// <summary>The score in whole points, per dimension in longs; the first fractional points hand the tier to the interpreter's sum.</summary>
    private BlockExpression Score(PlanTier tier, ParameterExpression subs, ParameterExpression score)
    {
        var dims = tier.Dimensions.Count;
        var whole = Enumerable.Range(0, dims).Select(d => Expression.Variable(typeof(long), "dim" + d)).ToArray();
        var total = Expression.Variable(typeof(long), "total");
        var points = Expression.Variable(typeof(long), "points");
        var fractional = Expression.Label("fractional");
        var done = Expression.Label("scored");
        var body = new List<Expression> { Expression.Assign(total, Expression.Constant(0L)) };
        body.AddRange(whole.Select(w => Expression.Assign(w, Expression.Constant(0L))));
        for (var k = 0; k < tier.Indicators.Length; k++)
        {
            body.Add(Expression.Assign(points, Whole(tier.Indicators[k])));
            body.Add(Expression.IfThen(Expression.Equal(points, Expression.Constant(ScoreStep.NotWhole)), Expression.Goto(fractional)));
            body.Add(Expression.AddAssign(total, points));
            body.Add(Expression.AddAssign(whole[tier.IndicatorDimension[k]], points));
        }
        for (var d = 0; d < dims; d++)
        {
            body.Add(Expression.Assign(Expression.ArrayAccess(subs, Expression.Constant(d)), Expression.Convert(whole[d], typeof(decimal))));
        }
        body.Add(Expression.Assign(score, Expression.Convert(total, typeof(decimal))));
        body.Add(Expression.Goto(done));
        body.Add(Expression.Label(fractional));
        body.Add(Expression.Assign(score, Call(nameof(EvaluationPlan.Score), Expression.Constant(tier), _run, subs)));
        body.Add(Expression.Label(done));
        return Expression.Block(typeof(void), [.. whole, total, points], body);
    }

    /// <summary>An indicator's whole points (or <see cref="ScoreStep.NotWhole"/>), as <see cref="ScoreStep.WholePoints"/> computes them.</summary>
    private Expression Whole(ScoreStep step) => step switch
    {
        BandStep { Contiguous: true } b => Band(b),
        CasesStep c => Cases(c),
        CountStep { WholeCount: true } c => Count(c),
        BestStep b => Best(b),
        _ => Expression.Call(Expression.Constant(step), step.GetType().GetMethod(nameof(ScoreStep.WholePoints))!, _run),
    };

    private BlockExpression Band(BandStep b)
    {
        var code = Expression.Variable(typeof(int), "kind");
        var load = Read(b.Fact.Node, code);
        var x = Value(b.Fact.Node);
        Expression chain = Expression.Constant(0L); // below every band: no band, no points
        for (var k = b.From.Length - 1; k >= 0; k--)
        {
            var points = Expression.Constant(b.WholeOf(k));
            chain = !b.HasFrom[k] ? points : Expression.Condition(AtLeast(x, b.Fact.Node, b.From[k]), points, chain);
        }
        var otherwise = Expression.Constant(b.Fact.HasDefault ? b.WholeOfDefault() : 0L);
        return Expression.Block(typeof(long), [code], load, Expression.Condition(Expression.Equal(code, Expression.Constant(Number)), chain,
            Expression.Condition(Expression.Equal(code, Expression.Constant(Missing)), otherwise, Expression.Constant(0L))));
    }

    private Expression Cases(CasesStep c)
    {
        Expression chain = Expression.Constant(c.OtherwiseWhole);
        for (var i = c.Whens.Length - 1; i >= 0; i--)
        {
            chain = Expression.Condition(Condition(c.Whens[i]), Expression.Constant(c.WholeOf(i)), chain);
        }
        return chain;
    }

    private MethodCallExpression Count(CountStep c)
    {
        Expression held = Expression.Constant(0L);
        foreach (var item in c.Items)
        {
            held = Expression.Add(held, Expression.Condition(Condition(item), Expression.Constant(1L), Expression.Constant(0L)));
        }
        return Expression.Call(MinMethod, Expression.Constant(c.MaxWhole), Expression.Multiply(held, Expression.Constant(c.EachWhole)));
    }

    private BlockExpression Best(BestStep b)
    {
        var best = Expression.Variable(typeof(long), "best");
        var p = Expression.Variable(typeof(long), "reading");
        var notWhole = Expression.Constant(ScoreStep.NotWhole);
        var body = new List<Expression> { Expression.Assign(best, Whole(b.Readings[0])) };
        for (var i = 1; i < b.Readings.Length; i++)
        {
            body.Add(Expression.IfThen(Expression.NotEqual(best, notWhole), Expression.Block(
                Expression.Assign(p, Whole(b.Readings[i])),
                Expression.Assign(best, Expression.Condition(Expression.Equal(p, notWhole), notWhole, Expression.Condition(Expression.GreaterThan(p, best), p, best))))));
        }
        var points = Expression.Call(Expression.Constant(b), typeof(BestStep).GetMethod(nameof(ScoreStep.Points))!, _run);
        body.Add(Expression.Condition(Expression.NotEqual(best, notWhole), best, Expression.Call(WholeMethod, points)));
        return Expression.Block(typeof(long), [best, p], body);
    }

    // ---- conditions ----

    /// <summary>Whether the condition at step <paramref name="i"/> holds (<see cref="PlanRun.Eval"/>).</summary>
    private Expression Condition(int i)
    {
        var s = _steps[i];
        return s.Kind switch
        {
            StepKind.Check => Check(i),
            StepKind.Group => Group(i),
            _ => Include(i),
        };
    }

    private Expression Group(int i)
    {
        var s = _steps[i];
        var members = new List<int>();
        for (var j = i + 1; j < s.End; j = _steps[j].End)
        {
            members.Add(j);
        }
        if (members.Count == 0 || s.Required <= 0)
        {
            // Members are evaluated until one passes (a member may throw: an include with no version in force).
            return members.Select(Condition).Reverse().Aggregate((Expression)Expression.Constant(true), (rest, m) => Expression.OrElse(m, rest));
        }
        if (s.Required == members.Count)
        {
            return members.Select(Condition).Reverse().Aggregate((Expression)Expression.Constant(true), (rest, m) => Expression.AndAlso(m, rest));
        }
        if (s.Required == 1)
        {
            return members.Select(Condition).Reverse().Aggregate((Expression)Expression.Constant(false), (rest, m) => Expression.OrElse(m, rest));
        }
        // k of n: count passes, stop as soon as the outcome is decided.
        var passed = Expression.Variable(typeof(int), "passed");
        var result = Expression.Label(typeof(bool), "decided");
        var body = new List<Expression> { Expression.Assign(passed, Expression.Constant(0)) };
        for (var m = 0; m < members.Count; m++)
        {
            var left = members.Count - m - 1;
            body.Add(Expression.IfThenElse(Condition(members[m]),
                Expression.IfThen(Expression.GreaterThanOrEqual(Expression.PreIncrementAssign(passed), Expression.Constant(s.Required)), Expression.Return(result, Expression.Constant(true))),
                Expression.IfThen(Expression.LessThan(Expression.Add(passed, Expression.Constant(left)), Expression.Constant(s.Required)), Expression.Return(result, Expression.Constant(false)))));
        }
        body.Add(Expression.Label(result, Expression.GreaterThanOrEqual(passed, Expression.Constant(s.Required))));
        return Expression.Block(typeof(bool), [passed], body);
    }

    private Expression Include(int i)
    {
        var s = _steps[i];
        if (s.NotInForce is { } set)
        {
            // Throws, naming the versions that exist, as the interpreter does.
            var require = typeof(Model.RuleSet<Model.ConditionsVersion>).GetMethod(nameof(Model.RuleSet<Model.ConditionsVersion>.RequireVersionOn))!;
            return Expression.Block(Expression.Call(Expression.Constant(set), require, Expression.Property(_context, nameof(EvaluationContext.AsOf))), Expression.Constant(true));
        }
        var body = Condition(i + 1);
        if (s.Memo < 0)
        {
            return body;
        }
        // The state of memo k is state[k]: 0 not evaluated yet, 1 failed, 2 passed.
        var memo = Expression.Variable(typeof(int), "memo");
        var slot = Expression.ArrayAccess(_state, Expression.Constant(s.Memo));
        return Expression.Block(typeof(bool), [memo],
            Expression.Assign(memo, slot),
            Expression.IfThen(Expression.Equal(memo, Expression.Constant(0)), Expression.Assign(memo, Expression.Assign(slot, Expression.Condition(body, Expression.Constant(2), Expression.Constant(1))))),
            Expression.Equal(memo, Expression.Constant(2)));
    }

    private BlockExpression Check(int i)
    {
        var s = _steps[i];
        var node = s.Fact!;
        var code = Expression.Variable(typeof(int), "kind");
        var load = Read(node, code);
        var x = Value(node);
        var passesByDefault = false;
        if (s.Default is { } d)
        {
            var value = d.Value;
            passesByDefault = PlanRun.Test(ref s, ref value);
        }
        Expression number = !s.HasThreshold ? Expression.Constant(false) : s.Op switch
        {
            Comparison.Ge => AtLeast(x, node, s.Threshold),
            Comparison.Gt => Expression.OrElse(Expression.GreaterThan(x, Expression.Constant(s.Threshold.Above)),
                Expression.AndAlso(Expression.GreaterThanOrEqual(x, Expression.Constant(s.Threshold.Below)), Expression.GreaterThan(Exact(node, s.Threshold), Expression.Constant(0)))),
            Comparison.Le => Expression.OrElse(Expression.LessThan(x, Expression.Constant(s.Threshold.Below)),
                Expression.AndAlso(Expression.LessThanOrEqual(x, Expression.Constant(s.Threshold.Above)), Expression.LessThanOrEqual(Exact(node, s.Threshold), Expression.Constant(0)))),
            Comparison.Lt => Expression.OrElse(Expression.LessThan(x, Expression.Constant(s.Threshold.Below)),
                Expression.AndAlso(Expression.LessThanOrEqual(x, Expression.Constant(s.Threshold.Above)), Expression.LessThan(Exact(node, s.Threshold), Expression.Constant(0)))),
            _ => Expression.Constant(false),
        };
        Expression boolean = s.Op == Comparison.Is && s.HasExpected ? Expression.Equal(x, Expression.Constant(s.Expected ? 1d : 0d)) : Expression.Constant(false);
        Expression text = s.Op switch
        {
            Comparison.In => Expression.Call(InSetMethod, _context, _nodes, Expression.Constant(Index(node)), Expression.Constant(s.Set)),
            Comparison.NotIn => Expression.Not(Expression.Call(InSetMethod, _context, _nodes, Expression.Constant(Index(node)), Expression.Constant(s.Set))),
            _ => Expression.Constant(false),
        };
        // The fact's usual kind is tested first; the others follow for values of another kind.
        var branches = new List<(int Code, Expression Test)> { (Missing, Expression.Constant(passesByDefault)), (Number, number), (Boolean, boolean), (Text, text) };
        var usual = 1 + (int)node.Kind;
        branches.Sort((a, b) => (b.Code == usual).CompareTo(a.Code == usual));
        Expression test = Expression.Constant(false);
        for (var k = branches.Count - 1; k >= 0; k--)
        {
            test = k == branches.Count - 1 ? branches[k].Test : Expression.Condition(Expression.Equal(code, Expression.Constant(branches[k].Code)), branches[k].Test, test);
        }
        return Expression.Block(typeof(bool), [code], load, test);
    }

    /// <summary>value ≥ threshold, as <see cref="FactResult.CompareTo(in Threshold)"/> decides it: the double unless at the edge.</summary>
    private BinaryExpression AtLeast(Expression x, FactNode node, Threshold t) =>
        Expression.OrElse(Expression.GreaterThan(x, Expression.Constant(t.Above)),
            Expression.AndAlso(Expression.GreaterThanOrEqual(x, Expression.Constant(t.Below)), Expression.GreaterThanOrEqual(Exact(node, t), Expression.Constant(0))));

    private MethodCallExpression Exact(FactNode node, Threshold t) => Expression.Call(ExactMethod, _context, _nodes, Expression.Constant(Index(node)), Expression.Constant(t.Value));

    // ---- facts ----

    /// <summary>
    /// Sets <paramref name="code"/> to the fact's load code, loading it once per evaluation (state[k] remembers it), or on
    /// every read for a fact that is not kept in a slot (the size class, the tier's score).
    /// </summary>
    private Expression Read(FactNode node, ParameterExpression code)
    {
        var k = Index(node);
        var load = Expression.Call(LoadMethod, _context, _nodes, _values, Expression.Constant(k));
        if (node.Volatile)
        {
            return Expression.Assign(code, load);
        }
        var slot = Expression.ArrayAccess(_state, Expression.Constant(_plan.Memos + k));
        return Expression.Block(Expression.Assign(code, slot),
            Expression.IfThen(Expression.Equal(code, Expression.Constant(NotRead)), Expression.Assign(code, Expression.Assign(slot, load))));
    }

    /// <summary>The fact's value (after <see cref="Read"/>): a number's double, a boolean as 0 or 1.</summary>
    private IndexExpression Value(FactNode node) => Expression.ArrayAccess(_values, Expression.Constant(Index(node)));

    private int Index(FactNode node)
    {
        if (!_facts.TryGetValue(node, out var k))
        {
            _facts[node] = k = _facts.Count;
        }
        return k;
    }

    /// <summary>Computes the fact's slot and returns its load code; a number's double or a boolean as 0/1 in values[k].</summary>
    private static int Load(EvaluationContext context, FactNode[] facts, double[] values, int k)
    {
        ref var v = ref context.Slot(facts[k]);
        switch (v.Kind)
        {
            case FactKind.Number:
                values[k] = v.Approximate();
                return Number;
            case FactKind.Boolean:
                values[k] = v.Boolean ? 1d : 0d;
                return Boolean;
            case FactKind.Text:
                return Text;
            default:
                return Missing;
        }
    }

    /// <summary>The exact comparison of a number at a threshold's edge.</summary>
    private static int Exact(EvaluationContext context, FactNode[] facts, int k, decimal threshold) => context.Slot(facts[k]).CompareTo(threshold);

    private static bool InSet(EvaluationContext context, FactNode[] facts, int k, string[] set) => PlanRun.Contains(set, context.Slot(facts[k]).Text!);
}
