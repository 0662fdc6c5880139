using Tidu.Rules.Facts;
using Tidu.Rules.Values;

namespace Tidu.Rules.Model.Scoring;

/// <summary>A bound fact with the rule's default for an absent input.</summary>
public sealed class FactReader(string name, Fact fact, FactValue? defaultValue)
{
    public string Name { get; } = name;

    public FactValue Read(EvaluationContext context)
    {
        var v = fact(context);
        return !v.IsAvailable && defaultValue is { } d ? d with { Defaulted = true, MissingField = v.MissingField } : v;
    }
}
