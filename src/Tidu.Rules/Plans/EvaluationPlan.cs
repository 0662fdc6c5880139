using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Tidu.Domain.Profiles;
using Tidu.Rules.Facts;
using Tidu.Rules.Model;

namespace Tidu.Rules.Plans;

/// <summary>
/// The rule versions in force on one date for one set of tiers (those that apply to a region), compiled once into a
/// flat array of steps over one table of fact slots: every fact a version reads is computed at most once per
/// evaluation, thresholds are converted, groups stop when decided, shared conditions are evaluated once. Outcome
/// mode — the size class and, per tier, qualified, score and sub-scores — writes into a <see cref="PlanWorkspace"/>
/// and allocates nothing. Thread-safe: all per-evaluation state is in the workspace.
/// </summary>
public sealed class EvaluationPlan
{
    /// <summary>Industry codes remembered per plan; a hostile input of endless codes stops being cached, not served.</summary>
    private const int MaxCachedIndustries = 20_000;

    private readonly RuleSet<SizeClassVersion> _sizeSet;
    private readonly (int Sme, int Medium, int Small)[] _sizeRoots;

    // Per size group: the facts its table reads without a default, each once, in the order of its checks (null when an
    // include in it has no version in force, which the walk over the steps reports).
    private readonly FactNode[]?[] _sizeInputs;
    private readonly ConcurrentDictionary<string, (int Group, string? Ambiguity)> _groups = new(StringComparer.Ordinal);

    // GB/T 4754 codes (a letter and up to four digits) packed into an int: hashing it is cheaper than hashing the string.
    private readonly ConcurrentDictionary<int, (int Group, string? Ambiguity)> _groupsByCode = new();
    private readonly PlanTier[] _tiers;

    /// <summary>Evaluations after which a plan compiles itself into one delegate.</summary>
    internal const int CompileAfter = 100;

    private readonly Lock _compileGate = new();
    private CompiledOutcome? _compiled;
    private int _evaluations;

    internal EvaluationPlan(RuleLibrary library, DateOnly asOf, IReadOnlyList<RuleSet<TierVersion>> tiers)
    {
        AsOf = asOf;
        _sizeSet = library.SizeClass;
        SizeVersion = library.SizeClass.VersionOn(asOf);
        var compiler = new PlanCompiler(asOf);
        _sizeRoots = SizeVersion is null ? [] : [.. SizeVersion.Groups.Select(g => (compiler.Condition(g.Sme, null), compiler.Condition(g.Medium, null), compiler.Condition(g.Small, null)))];
        _tiers = [.. tiers.Select(compiler.Tier)];
        Steps = compiler.Steps;
        Memos = compiler.Memos;
        _sizeInputs = [.. _sizeRoots.Select(r => InputsOf(Steps, r.Sme, r.Medium, r.Small))];
    }

    /// <summary>
    /// The facts read without a default under <paramref name="roots"/>, deduplicated in pre-order: the first of them
    /// that is missing is the first missing input a walk over every check finds (a fact seen before was available).
    /// </summary>
    private static FactNode[]? InputsOf(Step[] steps, params int[] roots)
    {
        var inputs = new List<FactNode>();
        foreach (var root in roots)
        {
            for (var j = root; j < steps[root].End; j++)
            {
                ref var c = ref steps[j];
                if (c.Kind == StepKind.Include && c.NotInForce is not null)
                {
                    return null;
                }
                if (c.Kind == StepKind.Check && !c.HasDefault && !inputs.Contains(c.Fact!))
                {
                    inputs.Add(c.Fact!);
                }
            }
        }
        return [.. inputs];
    }

    public DateOnly AsOf { get; }

    /// <summary>The size-class table in force, null when none is (evaluating throws, naming the versions).</summary>
    public SizeClassVersion? SizeVersion { get; }

    /// <summary>The tiers, in evaluation order.</summary>
    public IReadOnlyList<PlanTier> Tiers => _tiers;

    internal Step[] Steps { get; }

    internal int Memos { get; }

    /// <summary>The plan's parts of a result line, encoded on first use (see <see cref="Evaluation.OutcomeJsonWriter"/>).</summary>
    internal Evaluation.OutcomeJsonWriter.PlanJson? Json { get; set; }

    /// <summary>How many steps the plan has (a measure of its size, for reports).</summary>
    public int StepCount => Steps.Length;

    /// <summary>
    /// Evaluates <paramref name="profile"/> into <paramref name="workspace"/>'s outcome; <paramref name="nearMisses"/> says
    /// how much of each failed tier's decisive failures to find.
    /// </summary>
    // Not jitted optimized at once (nor is anything it calls): where dynamic PGO is on (the platform, the benchmarks) the
    // instrumented tier lets the JIT devirtualize the score steps and the fact computations, which measured 10-15 %
    // faster in paired engine passes; the CLI, without PGO, screened as fast either way (docs/performance.md).
    public PlanOutcome Evaluate(EnterpriseProfile profile, PlanWorkspace workspace, NearMissMode nearMisses = NearMissMode.None) =>
        Evaluate(profile, workspace, nearMisses, _compiled ?? Warm());

    /// <summary>The same evaluation by the interpreter, whatever has been compiled (the compiled delegate is checked against it).</summary>
    internal PlanOutcome Interpret(EnterpriseProfile profile, PlanWorkspace workspace, NearMissMode nearMisses = NearMissMode.None) =>
        Evaluate(profile, workspace, nearMisses, null);

    private PlanOutcome Evaluate(EnterpriseProfile profile, PlanWorkspace workspace, NearMissMode nearMisses, CompiledOutcome? compiled)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(workspace);
        var context = workspace.Begin(this, profile, AsOf);
        var outcome = workspace.Outcome;
        var run = workspace.Run;
        // The size-class table stays with the interpreter: compiled, it measured slower (ADR 0018).
        SizeClass(profile, context, run, outcome);
        if (compiled is not null)
        {
            var (state, values) = run.Shared(compiled);
            foreach (var part in compiled.Parts)
            {
                part(this, context, run, outcome, state, values, compiled.Facts);
            }
            if (nearMisses != NearMissMode.None)
            {
                run.AdoptMemos(state, Memos);
                for (var t = 0; t < _tiers.Length; t++)
                {
                    if (!outcome.Qualified(t))
                    {
                        // The decisive failures are looked for with this tier's score in the context, as the conditions read it.
                        var tier = _tiers[t];
                        context.CurrentScore = tier.HasScore ? outcome.Score(t) : null;
                        context.UsePlanSubScores(tier.Dimensions, outcome.SubScores(t));
                        Decisive(t, run, outcome, nearMisses);
                    }
                }
            }
        }
        else
        {
            for (var t = 0; t < _tiers.Length; t++)
            {
                Tier(t, context, run, outcome, nearMisses);
            }
        }
        context.UsePlanSubScores(null, null);
        return outcome;
    }

    /// <summary>
    /// Compiles the plan into one delegate now (a plan compiles itself after <see cref="CompileAfter"/> evaluations; the
    /// rule-loading benchmark and the tests ask for it at once).
    /// </summary>
    internal void Compile()
    {
        if (_compiled is null)
        {
            lock (_compileGate)
            {
                _compiled ??= new OutcomeCompiler(this).Compile();
            }
        }
    }

    /// <summary>Whether outcome mode runs compiled (see <see cref="CompileAfter"/>).</summary>
    internal bool IsCompiled => _compiled is not null;

    // A plan that evaluates a handful of enterprises (a page, a test) is interpreted: compiling costs milliseconds.
    private CompiledOutcome? Warm()
    {
        if (Interlocked.Increment(ref _evaluations) < CompileAfter)
        {
            return null;
        }
        Compile();
        return _compiled;
    }

    private void SizeClass(EnterpriseProfile profile, EvaluationContext context, PlanRun run, PlanOutcome outcome)
    {
        var version = SizeVersion ?? _sizeSet.RequireVersionOn(AsOf);
        var (g, ambiguity) = GroupOf(version, profile.IndustryCode);
        if (g < 0)
        {
            outcome.Ambiguity = ambiguity;
            context.SizeClass = null;
            context.SetSizeClassMissing(MissingInput.Static("/industryCode"));
            return;
        }
        outcome.Group = version.Groups[g];
        var (sme, medium, small) = _sizeRoots[g];
        // A missing input anywhere in the group's table makes the class "not available".
        if (_sizeInputs[g] is { } inputs ? FirstMissing(context, inputs, out var missing)
            : run.FirstMissing(sme, out missing) || run.FirstMissing(medium, out missing) || run.FirstMissing(small, out missing))
        {
            outcome.HasSizeMissing = true;
            outcome.SizeMissing = missing;
            context.SizeClass = null;
            context.SetSizeClassMissing(missing);
            return;
        }
        var result = !run.Eval(sme) ? "large" : run.Eval(medium) ? "medium" : run.Eval(small) ? "small" : "micro";
        outcome.SizeClass = result;
        context.SizeClass = result;
    }

    private static bool FirstMissing(EvaluationContext context, FactNode[] inputs, out MissingInput missing)
    {
        foreach (var fact in inputs)
        {
            ref readonly var v = ref context.Read(fact);
            if (!v.IsAvailable)
            {
                missing = v.Missing;
                return true;
            }
        }
        missing = default;
        return false;
    }

    private (int Group, string? Ambiguity) GroupOf(SizeClassVersion version, string industryCode)
    {
        var packed = Pack(industryCode);
        if (packed >= 0 ? _groupsByCode.TryGetValue(packed, out var found) : _groups.TryGetValue(industryCode, out found))
        {
            return found;
        }
        var (group, ambiguity) = version.GroupFor(industryCode);
        found = (group is null ? -1 : IndexOf(version, group), ambiguity);
        if (packed >= 0)
        {
            _groupsByCode.TryAdd(packed, found); // at most 26 × 11,111 codes
        }
        else if (_groups.Count < MaxCachedIndustries)
        {
            _groups.TryAdd(industryCode, found);
        }
        return found;
    }

    /// <summary>
    /// The tier's score and sub-scores, added up in indicator order. Points are nearly always whole: they are summed as
    /// integers (exactly what decimal addition of whole numbers gives) until a fractional one arrives, from which on in decimal.
    /// </summary>
    internal static decimal Score(PlanTier tier, PlanRun run, decimal[] subs)
    {
        var dims = tier.Dimensions.Count;
        Span<long> whole = stackalloc long[dims];
        long wholeTotal = 0;
        // An indicator whose conditions read the score sees the running sub-scores, as the tree evaluator showed them.
        var exact = !tier.CardReadsScore;
        var total = 0m;
        var indicators = tier.Indicators;
        var dimensionOf = tier.IndicatorDimension;
        Array.Clear(subs, 0, dims);
        for (var k = 0; k < indicators.Length; k++)
        {
            var d = dimensionOf[k];
            if (exact)
            {
                var p = indicators[k].WholePoints(run);
                if (p != ScoreStep.NotWhole)
                {
                    wholeTotal += p;
                    whole[d] += p;
                    continue;
                }
                exact = false;
                total = wholeTotal;
                for (var i = 0; i < dims; i++)
                {
                    subs[i] = whole[i];
                }
            }
            var points = indicators[k].Points(run);
            total += points;
            subs[d] += points;
        }
        if (exact)
        {
            for (var i = 0; i < dims; i++)
            {
                subs[i] = whole[i];
            }
            return wholeTotal;
        }
        return total;
    }

    /// <summary>"C3484" → a distinct non-negative int (letter, length, digits); −1 for anything else.</summary>
    private static int Pack(string code)
    {
        if (code.Length is < 1 or > 5 || !char.IsAsciiLetterUpper(code[0]))
        {
            return -1;
        }
        var digits = 0;
        for (var i = 1; i < code.Length; i++)
        {
            var c = code[i];
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }
            digits = (digits * 10) + (c - '0');
        }
        return ((code[0] - 'A') << 20) | (code.Length << 16) | digits;
    }

    private static int IndexOf(SizeClassVersion version, SizeGroup group)
    {
        for (var i = 0; i < version.Groups.Count; i++)
        {
            if (ReferenceEquals(version.Groups[i], group))
            {
                return i;
            }
        }
        return -1;
    }

    private void Tier(int t, EvaluationContext context, PlanRun run, PlanOutcome outcome, NearMissMode nearMisses)
    {
        var tier = _tiers[t];
        if (tier.Version is null)
        {
            NoVersion(t);
        }
        var total = 0m;
        var subs = BeginTier(context, outcome, t);
        if (tier.HasScore)
        {
            total = Score(tier, run, subs);
            context.CurrentScore = total;
        }
        var qualified = run.Eval(tier.Root);
        outcome.SetTier(t, qualified, total);
        if (!qualified && nearMisses != NearMissMode.None)
        {
            Decisive(t, run, outcome, nearMisses); // now, while the context holds this tier's score: conditions on the score read it
        }
    }

    /// <summary>Throws, naming the versions of tier <paramref name="t"/> that exist: none is in force on the plan's date.</summary>
    internal void NoVersion(int t) => _tiers[t].Set.RequireVersionOn(AsOf);

    /// <summary>Starts tier <paramref name="t"/>: no score yet, and conditions on a dimension's score read the running points.</summary>
    internal decimal[] BeginTier(EvaluationContext context, PlanOutcome outcome, int t)
    {
        var subs = outcome.SubScores(t);
        context.CurrentScore = null;
        // Conditions on a dimension's score read the running points (the tree evaluator's semantics, without its dictionary).
        context.UsePlanSubScores(_tiers[t].Dimensions, subs);
        return subs;
    }

    /// <summary>How many decisive failures kept failed tier <paramref name="t"/> out, as <paramref name="nearMisses"/> asks.</summary>
    private void Decisive(int t, PlanRun run, PlanOutcome outcome, NearMissMode nearMisses)
    {
        var tier = _tiers[t];
        if (nearMisses == NearMissMode.Count && !tier.CanNearMiss)
        {
            outcome.SetDecisive(t, 2, -1); // no check it could close: not a near miss, whatever failed
            return;
        }
        var first = -1;
        var all = nearMisses == NearMissMode.All ? outcome.DecisiveList(t) : null;
        all?.Clear();
        var n = run.DecisiveUnder(tier.Root, all is null ? 2 : int.MaxValue, ref first, all);
        outcome.SetDecisive(t, n, first);
    }
}

/// <summary>How much of a failed tier's decisive failures (failed checks no enclosing group of which passed) to find.</summary>
public enum NearMissMode
{
    None,

    /// <summary>Count up to two and keep the first: enough to tell a near miss (exactly one).</summary>
    Count,

    /// <summary>All of them, in explanation order.</summary>
    All,
}
