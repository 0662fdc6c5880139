using Tidu.Rules.Facts;
using Tidu.Rules.Values;

namespace Tidu.Rules.Model.Scoring;

/// <summary>A bound fact with the rule's default for an absent input.</summary>
public sealed class FactReader(string name, FactNode node, FactValue? defaultValue, FactArgs? args = null)
{
    private readonly Fact _fact = node.AsFact();

    public string Name { get; } = name;

    /// <summary>The bound fact: the slot the compiled plan and the explanation both read.</summary>
    public FactNode Node { get; } = node;

    /// <summary>The rule's stated value for an absent input, if any.</summary>
    public FactValue? Default { get; } = defaultValue;

    /// <summary>The arguments the rule file gave the fact (metadata: gap analysis reads which inputs the fact uses).</summary>
    public FactArgs Args { get; } = args ?? new FactArgs();

    public FactValue Read(EvaluationContext context)
    {
        var v = _fact(context);
        return !v.IsAvailable && Default is { } d ? d with { Defaulted = true, MissingField = v.MissingField } : v;
    }
}
