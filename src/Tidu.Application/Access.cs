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

    /// <summary>
    /// Null when the matrix allows the actor the <paramref name="operation"/> of <paramref name="resource"/> at all (how far
    /// is the scope's); otherwise the refusal (code <c>forbidden.{resource}</c>).
    /// </summary>
    public static Refusal? Require(Actor actor, Resource resource, Operation operation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return AccessMatrix.Allows(actor.Kind, resource, operation)
            ? null
            : Refusal.Forbidden("forbidden." + Code(resource.ToString()), "无权进行此操作", $"{actor.Kind} may not {operation.ToString().ToLowerInvariant()} {resource}");
    }

    /// <summary>The roles that hold <paramref name="right"/> (for documentation and tests).</summary>
    public static IReadOnlyList<string> RolesFor(AccessRight right) =>
        [.. Roles.All.Where(role => AccessMatrix.MayTake(AccessMatrix.KindOfRole(role), right))];

    private static string Code(AccessRight right) => Code(right.ToString());

    private static string Code(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
