using Tidu.Domain.Profiles;
using Tidu.Rules.Values;

namespace Tidu.Rules.Gaps;

/// <summary>Finds, for one lever, the nearest value that passes a test, and turns it into an <see cref="Edit"/>.</summary>
internal static class LeverSearch
{
    private const int MaxDoublings = 48;

    /// <summary>The edit of <paramref name="lever"/> nearest to <paramref name="basis"/> that <paramref name="passes"/>, for check
    /// <paramref name="checkId"/> (<paramref name="title"/>); <paramref name="direction"/> is +1 when the fact must rise, −1 when it must fall.</summary>
    public static Edit? Solve(Lever lever, int direction, Func<EnterpriseProfile, bool> passes, EnterpriseProfile basis, string checkId, string title)
    {
        switch (lever)
        {
            case FixedBlocker b:
                return new Edit { Key = b.Key, Path = b.Path, CheckId = checkId, CheckTitle = title, Effort = Effort.Blocked, Cost = EffortCost.Of(b.Info), Apply = p => p, Blocker = b.Info };
            case ChoiceLever c:
                foreach (var choice in c.Choices)
                {
                    if (passes(choice.Apply(basis)))
                    {
                        var effort = c.Blocker is null ? choice.Effort ?? c.Effort : Effort.Blocked;
                        return new Edit { Key = c.Key, Path = c.Path, CheckId = checkId, CheckTitle = title, Unit = c.Unit, Effort = effort, Cost = c.Blocker is null ? EffortCost.Weight(effort) : EffortCost.Of(c.Blocker), Apply = choice.Apply, Blocker = c.Blocker };
                    }
                }
                return c.Blocker is null ? null : Unresolved(c, checkId, title);
            case NumberLever n:
                if (Find(n, direction, passes, basis) is not { } v)
                {
                    return n.Blocker is null ? null : Unresolved(n, checkId, title);
                }
                return new Edit
                {
                    Key = n.Key,
                    Path = n.Path,
                    AlsoPaths = n.AlsoPaths,
                    CheckId = checkId,
                    CheckTitle = title,
                    Unit = n.Unit,
                    NeededNumber = v,
                    Direction = direction,
                    Effort = n.Effort,
                    Cost = n.Blocker is null ? EffortCost.Of(n.Effort, n.Current, v, n.Step) : EffortCost.Of(n.Blocker),
                    Apply = p => n.Set(p, v),
                    Blocker = n.Blocker,
                    Lever = n.Absolute && n.Blocker is null ? n : null,
                };
            default:
                return null;
        }
    }

    /// <summary>A blocker for which not even a hypothesis passes: reported, not assumed resolved.</summary>
    private static Edit Unresolved(Lever l, string checkId, string title) =>
        new() { Key = l.Key, Path = l.Path, CheckId = checkId, CheckTitle = title, Effort = Effort.Blocked, Cost = EffortCost.Of(l.Blocker!), Apply = p => p, Blocker = l.Blocker! with { HasHypothesis = false } };

    /// <summary>
    /// The first grid value (multiple of Step) beyond the current one, in <paramref name="direction"/>, that passes:
    /// doubling steps until one passes, then bisecting. Assumes the test does not flip back further on.
    /// </summary>
    public static decimal? Find(NumberLever n, int direction, Func<EnterpriseProfile, bool> passes, EnterpriseProfile basis)
    {
        if (direction == 0 || (n.Current is null && direction < 0))
        {
            return null;
        }
        var step = n.Step;
        long first = n.Current is not { } cur
            ? (long)Math.Ceiling(n.Min / step)
            : direction > 0 ? (long)Math.Floor(cur / step) + 1 : (long)Math.Ceiling(cur / step) - 1;
        long? bound = direction > 0 ? (n.Max is { } max ? (long)Math.Floor(max / step) : null) : (long)Math.Ceiling(n.Min / step);
        bool Beyond(long k) => bound is { } b && (direction > 0 ? k > b : k < b);
        bool Ok(long k) => passes(n.Set(basis, k * step));
        if (Beyond(first))
        {
            return null;
        }
        if (Ok(first))
        {
            return (first * step).Normalize();
        }
        long lo = 0, hi = 1;
        for (var i = 0; ; i++)
        {
            var k = first + direction * hi;
            if (Beyond(k))
            {
                hi = Math.Abs(bound!.Value - first);
                if (hi <= lo || !Ok(bound.Value))
                {
                    return null;
                }
                break;
            }
            if (Ok(k))
            {
                break;
            }
            if (i >= MaxDoublings)
            {
                return null;
            }
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > 1)
        {
            var mid = lo + (hi - lo) / 2;
            if (Ok(first + direction * mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        return ((first + direction * hi) * step).Normalize();
    }
}
