using System.Collections.Concurrent;
using Tidu.Rules.Values;

namespace Tidu.Rules.Facts;

/// <summary>
/// A fact bound to its arguments: how to compute one quantity of one enterprise on one date, possibly from other
/// facts (a ratio from two amounts). Nodes are interned by what they compute, process-wide, so "the R&amp;D ratio of
/// Y" is one node whichever rule file names it, and every evaluation keeps one slot per node (<see cref="Id"/>):
/// a fact read by five checks is computed once. The engine's compiled plan and the explained evaluator read facts
/// through the same slots, so they cannot disagree on a value.
/// </summary>
public abstract class FactNode
{
    private static readonly ConcurrentDictionary<string, FactNode> Interned = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static int _count;

    protected FactNode(FactKind kind, bool isVolatile = false, bool perTier = false)
    {
        Kind = kind;
        Volatile = isVolatile;
        PerTier = perTier;
    }

    /// <summary>Slot index, dense from 0; a node's inputs are interned before it, so they have smaller ids.</summary>
    public int Id { get; private set; } = -1;

    /// <summary>What the node computes, e.g. <c>ratio(rdExpense,operatingRevenue)@0</c>.</summary>
    public string Key { get; private set; } = "";

    public FactKind Kind { get; }

    /// <summary>
    /// Read from the evaluation rather than the profile (the size class, the tier's score): computed on every read,
    /// never kept in a slot.
    /// </summary>
    public bool Volatile { get; }

    /// <summary>Differs from one tier to the next within one evaluation (the tier's own score).</summary>
    public bool PerTier { get; }

    /// <summary>How many nodes exist: the size of an evaluation's slot table.</summary>
    public static int Count => System.Threading.Volatile.Read(ref _count);

    /// <summary>Computes the value into <paramref name="result"/> (reading inputs through <paramref name="context"/>).</summary>
    public abstract void Compute(EvaluationContext context, ref FactResult result);

    /// <summary>The node computing <paramref name="key"/>, created once.</summary>
    public static T Intern<T>(string key, Func<T> create) where T : FactNode
    {
        if (Interned.TryGetValue(key, out var found))
        {
            return (T)found;
        }
        lock (Gate)
        {
            if (Interned.TryGetValue(key, out found))
            {
                return (T)found;
            }
            var node = create();
            node.Key = key;
            node.Id = _count;
            Interned[key] = node;
            System.Threading.Volatile.Write(ref _count, _count + 1);
            return node;
        }
    }

    /// <summary>The node as a <see cref="Fact"/> delegate for code that wants a <see cref="FactValue"/>.</summary>
    public Fact AsFact() => c => c.Read(this).ToFactValue();

    public override string ToString() => Key;
}
