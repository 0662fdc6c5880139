using Tidu.Rules.Values;

namespace Tidu.Rules.Facts;

/// <summary>A fact bound to its arguments once, at rule-load time, then called per enterprise.</summary>
public delegate FactValue Fact(EvaluationContext context);

/// <summary>What a fact is: its value kind and the arguments it accepts, for strict loading and documentation.</summary>
public sealed record FactDefinition(string Name, FactKind Kind, string Description, IReadOnlySet<string> AcceptedArgs, Func<FactArgs, FactNode> BindNode)
{
    /// <summary>The fact for <paramref name="args"/> as a delegate (one node per distinct fact and arguments).</summary>
    public Fact Bind(FactArgs args) => BindNode(args).AsFact();

    /// <summary>
    /// False when no change of the enterprise's own data or performance passes a check of this fact: its size class,
    /// titles and honours others award, registration and compliance records, location, listing, and time in its
    /// market. A tier failing only such a check is not a near miss (差一项): nothing the enterprise does closes it.
    /// </summary>
    public bool Closable { get; init; } = true;
}
