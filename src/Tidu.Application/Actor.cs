using Tidu.Data.Identity;
using Tidu.Data.Scoping;

namespace Tidu.Application;

/// <summary>
/// Who acts in a use case: their name (as the audit trail writes it), their role and the region scope the database
/// applies to them. A system job is an actor too, with no role and the whole database in scope.
/// </summary>
public sealed record Actor(string Name, string? Role, RegionScope Scope)
{
    public static Actor System(string name) => new(name, null, RegionScope.Everything(name));

    public bool Is(string role) => Role == role;

    /// <summary>The column of the access matrix the actor's role is (a system job and an API key are no column of a user's role).</summary>
    public ActorKind Kind => AccessMatrix.KindOfRole(Role);

    public bool IsOfficer => Role is Roles.CountyOfficer or Roles.CityOfficer or Roles.ProvinceOfficer;

    public bool IsEnterprise => Role == Roles.Enterprise;

    public bool IsExpert => Role == Roles.Expert;

    public bool IsCommissioner => Role == Roles.Commissioner;

    /// <summary>The region the actor acts for (officers, commissioners, API keys); null for administrators, experts and enterprises.</summary>
    public string? RegionCode => Scope.RegionCode;

    /// <summary>The enterprise an enterprise user acts for.</summary>
    public string? CreditCode => Scope.CreditCode;
}

/// <summary>Supplies the actor of the use case being run (the web request's user, a job's system actor, a test's actor).</summary>
public interface IActorSource
{
    Actor Current { get; }
}

/// <summary>A fixed actor, for jobs and tests.</summary>
public sealed class FixedActor(Actor actor) : IActorSource
{
    public Actor Current { get; } = actor;
}
