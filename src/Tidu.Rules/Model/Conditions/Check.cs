using System.Globalization;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;
using Tidu.Rules.Values;

namespace Tidu.Rules.Model.Conditions;

/// <summary>A leaf: one fact compared with one threshold from the rule file.</summary>
public sealed class Check : Condition
{
    private readonly Fact _fact;
    private readonly FactValue? _default;

    public Check(string id, string title, string? cite, string? note, string factName, FactNode fact, Comparison op,
        decimal? threshold, bool? expected, IReadOnlyList<string>? set, string? unit, FactValue? defaultValue,
        string? advice, string? adviceIfQualifies, int yearOffset = 0, FactArgs? args = null)
        : base(id, title, cite, note)
    {
        Args = args ?? new FactArgs { Year = yearOffset == 0 ? null : yearOffset };
        YearOffset = yearOffset;
        FactName = factName;
        Node = fact;
        _fact = fact.AsFact();
        Op = op;
        Threshold = threshold;
        Expected = expected;
        Set = set;
        Unit = unit;
        _default = defaultValue;
        Advice = advice;
        AdviceIfQualifies = adviceIfQualifies;
    }

    public string FactName { get; }

    /// <summary>The bound fact: the slot the compiled plan and the explanation both read.</summary>
    public FactNode Node { get; }

    /// <summary>The rule's stated value for an absent input, if any.</summary>
    public FactValue? Default => _default;

    /// <summary>The arguments the rule file gave the fact (metadata: gap analysis reads which inputs the fact uses).</summary>
    public FactArgs Args { get; }

    /// <summary>The fact's year argument (offset from Y), 0 when it has none.</summary>
    public int YearOffset { get; }
    public Comparison Op { get; }
    public decimal? Threshold { get; }
    public bool? Expected { get; }
    public IReadOnlyList<string>? Set { get; }
    public string? Unit { get; }
    public string? Advice { get; }
    public string? AdviceIfQualifies { get; }

    /// <summary>The fact's value for this enterprise, with the rule's default applied to an absent input.</summary>
    public FactValue Read(EvaluationContext context)
    {
        var value = _fact(context);
        return !value.IsAvailable && _default is { } d ? d with { Defaulted = true, MissingField = value.MissingField } : value;
    }

    public bool Test(FactValue value) => value.Kind switch
    {
        FactKind.Number when Threshold is { } t => Op switch
        {
            Comparison.Ge => value.Number.CompareTo(t) >= 0,
            Comparison.Gt => value.Number.CompareTo(t) > 0,
            Comparison.Le => value.Number.CompareTo(t) <= 0,
            Comparison.Lt => value.Number.CompareTo(t) < 0,
            _ => false,
        },
        FactKind.Boolean => Op == Comparison.Is && value.Boolean == Expected,
        FactKind.Text => Op switch
        {
            Comparison.In => Set!.Contains(value.Text!),
            Comparison.NotIn => !Set!.Contains(value.Text!),
            _ => false,
        },
        _ => false,
    };

    public override bool Evaluate(EvaluationContext context, ExplanationSink? sink, string? parent)
    {
        var value = Read(context);
        var passed = Test(value);
        if (sink is null)
        {
            if (!value.IsAvailable)
            {
                context.MissingReads++;
            }
            return passed;
        }
        if (sink.IsFailuresOnly)
        {
            if (!passed)
            {
                sink.Add(new CheckResult { Id = Id, Title = Title, Kind = "check", Parent = parent, Passed = false, Cite = Cite });
            }
        }
        else
        {
            string? advice = null;
            if (!passed && Advice is not null && (AdviceIfQualifies is null || context.TierQualified.GetValueOrDefault(AdviceIfQualifies)))
            {
                advice = Advice;
            }
            sink.Add(new CheckResult
            {
                Id = Id,
                Title = Title,
                Kind = "check",
                Parent = parent,
                Passed = passed,
                Actual = value.Display(),
                Required = Describe(),
                Unit = Unit,
                Cite = Cite,
                Note = Note,
                MissingField = value.IsAvailable && !value.Defaulted ? null : value.MissingField,
                MissingReason = value.IsAvailable ? (value.Defaulted ? "not provided; the rule's default applies" : null) : value.Reason,
                Defaulted = value.Defaulted,
                Advice = advice,
            });
        }
        return passed;
    }

    /// <summary>The requirement in symbols, e.g. "≥ 100", "= true", "∈ {medium, small, micro}".</summary>
    public string Describe() => Op switch
    {
        Comparison.Ge => "≥ " + Num(Threshold),
        Comparison.Gt => "> " + Num(Threshold),
        Comparison.Le => "≤ " + Num(Threshold),
        Comparison.Lt => "< " + Num(Threshold),
        Comparison.Is => "= " + (Expected == true ? "true" : "false"),
        Comparison.In => "∈ {" + string.Join(", ", Set!) + "}",
        _ => "∉ {" + string.Join(", ", Set!) + "}",
    };

    private static string Num(decimal? d) => d!.Value.ToString(CultureInfo.InvariantCulture);
}
