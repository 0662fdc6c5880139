using Tidu.Rules.Facts;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Values;

namespace Tidu.Rules.Plans;

internal enum StepKind : byte
{
    Check,
    Group,
    Include,
}

/// <summary>
/// One node of a condition tree, flattened: a version's conditions are an array of steps in pre-order, each group
/// followed by its members, <see cref="End"/> the index after its subtree. A check's threshold, set and default are
/// converted once, at compile time, so evaluating one is a slot read and a comparison.
/// </summary>
internal struct Step
{
    public StepKind Kind;
    public Comparison Op;

    /// <summary>For <c>is</c>: the expected value (a check without one never passes).</summary>
    public bool Expected;
    public bool HasExpected;
    public bool HasThreshold;
    public bool HasDefault;

    /// <summary>A check the enterprise can close (<see cref="FactCatalog.IsClosable"/>): only such a check makes a near miss.</summary>
    public bool Closable;

    /// <summary>Index after this step's subtree.</summary>
    public int End;

    /// <summary>A group's members that must pass.</summary>
    public int Required;

    /// <summary>A group's direct members.</summary>
    public int Members;

    /// <summary>An include's memo slot (its result is kept for the evaluation), or −1 when its conditions read the tier's score.</summary>
    public int Memo;

    public FactNode? Fact;
    public Threshold Threshold;
    public string[]? Set;

    /// <summary>
    /// The rule's default for a missing input (when <see cref="HasDefault"/>), boxed: a slot is large and few checks have
    /// one, so steps stay small and the interpreter walks fewer cache lines.
    /// </summary>
    public System.Runtime.CompilerServices.StrongBox<FactResult>? Default;

    /// <summary>The rule-file node (id, title, citation).</summary>
    public Condition Source;

    /// <summary>The id the explanation gives as this node's parent.</summary>
    public string? Parent;

    /// <summary>An include whose shared conditions have no version in force on the plan's date (evaluating throws, as the tree does).</summary>
    public RuleSet<ConditionsVersion>? NotInForce;

    /// <summary>
    /// A default in slot form with its double approximation already computed: steps are shared by every thread, so
    /// comparing must not write to them.
    /// </summary>
    public static FactResult Prepared(FactValue? value)
    {
        if (value is not { } d)
        {
            return default;
        }
        var r = ToResult(d);
        r.CompareTo(new Threshold(0m));
        return r;
    }

    /// <summary>Converts a rule's default (a <see cref="FactValue"/>) to the slot form.</summary>
    public static FactResult ToResult(FactValue value)
    {
        var r = default(FactResult);
        switch (value.Kind)
        {
            case FactKind.Number:
                if (value.Number.IsWhole)
                {
                    r.SetNumber(value.Number.Numerator);
                }
                else
                {
                    r.SetRatio(value.Number.Numerator, value.Number.Denominator);
                }
                break;
            case FactKind.Boolean:
                r.SetBoolean(value.Boolean);
                break;
            case FactKind.Text:
                r.SetText(value.Text!);
                break;
            default:
                r.SetMissing(MissingInput.Static(value.MissingField ?? "", value.Reason ?? "not provided"));
                break;
        }
        return r;
    }
}
