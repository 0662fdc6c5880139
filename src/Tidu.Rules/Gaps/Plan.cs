using Tidu.Domain.Profiles;

namespace Tidu.Rules.Gaps;

/// <summary>A set of edits (one per input) with its cost; combining two keeps, per input, the more demanding value.</summary>
internal sealed class Plan
{
    public static readonly Plan Empty = new([]);

    private Plan(IReadOnlyList<Edit> edits)
    {
        Edits = edits;
        Cost = edits.Sum(e => e.Cost);
    }

    public IReadOnlyList<Edit> Edits { get; }
    public decimal Cost { get; }

    public static Plan Of(Edit edit) => new([edit]);

    /// <summary>This plan then <paramref name="next"/>: an input set by both keeps the farther value in a shared direction, else the later one, and its first current value.</summary>
    public Plan Then(Plan next)
    {
        if (next.Edits.Count == 0)
        {
            return this;
        }
        var list = Edits.ToList();
        foreach (var e in next.Edits)
        {
            var i = list.FindIndex(x => x.Key == e.Key);
            if (i < 0)
            {
                list.Add(e);
                continue;
            }
            var old = list[i];
            var keepOld = old.Direction != 0 && old.Direction == e.Direction && old.NeededNumber is { } a && e.NeededNumber is { } b && a * old.Direction >= b * e.Direction;
            list[i] = keepOld ? old : e with { Current = old.Current, Lever = old.Lever is { } l && e.Lever is { } n ? n with { Current = l.Current } : e.Lever };
        }
        return new Plan(list);
    }

    public Plan Without(Edit edit) => new(Edits.Where(e => !ReferenceEquals(e, edit)).ToList());

    public Plan Replace(Edit edit, Edit by) => new(Edits.Select(e => ReferenceEquals(e, edit) ? by : e).ToList());

    public EnterpriseProfile ApplyTo(EnterpriseProfile profile) => Edits.Aggregate(profile, (p, e) => e.Apply(p));

    public bool SameAs(Plan other) =>
        Edits.Count == other.Edits.Count && Edits.Zip(other.Edits).All(x => x.First.Key == x.Second.Key && Equals(x.First.NeededNumber, x.Second.NeededNumber) && x.First.Needed?.ToJsonString() == x.Second.Needed?.ToJsonString());
}
