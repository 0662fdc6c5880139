using Tidu.Data.Identity;

namespace Tidu.Application;

/// <summary>
/// The use cases' questions to the access matrix: whether an actor takes a step, and the refusal (code
/// <c>forbidden.{step}</c>, the step row's Chinese and English) when not. Who takes which step and what the others are
/// told are the matrix's step table (<see cref="AccessMatrix.Steps"/>), nowhere else. The region side (which
/// enterprises, applications and requests an actor reaches) is the database's scope filter; a use case adds only what
/// a scope cannot say (a round of the officer's own province, say).
/// </summary>
public static class Access
{
    public static bool May(Actor actor, AccessRight right)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return AccessMatrix.MayTake(AccessMatrix.KindOfRole(actor.Role), right);
    }

    /// <summary>Null when the actor may; otherwise the refusal (code <c>forbidden.{right}</c>).</summary>
    public static Refusal? Require(Actor actor, AccessRight right)
    {
        if (May(actor, right))
        {
            return null;
        }
        var row = AccessMatrix.Step(right);
        return Refusal.Forbidden("forbidden." + Code(right), row.RefusalZh, row.RefusalEn);
    }

    /// <summary>The roles that hold <paramref name="right"/> (for documentation and tests).</summary>
    public static IReadOnlyList<string> RolesFor(AccessRight right) =>
        [.. Roles.All.Where(role => AccessMatrix.MayTake(AccessMatrix.KindOfRole(role), right))];

    private static string Code(AccessRight right) =>
        string.Concat(right.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
