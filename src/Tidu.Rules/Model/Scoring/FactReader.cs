using Tidu.Rules.Facts;
using Tidu.Rules.Values;

namespace Tidu.Rules.Model.Scoring;

/// <summary>A bound fact with the rule's default for an absent input.</summary>
public sealed class FactReader(string name, Fact fact, FactValue? defaultValue, FactArgs? args = null)
{
    public string Name { get; } = name;

    /// <summary>The arguments the rule file gave the fact (metadata: gap analysis reads which inputs the fact uses).</summary>
    public FactArgs Args { get; } = args ?? new FactArgs();

    public FactValue Read(EvaluationContext context)
    {
        var v = fact(context);
        return !v.IsAvailable && defaultValue is { } d ? d with { Defaulted = true, MissingField = v.MissingField } : v;
    }
}
