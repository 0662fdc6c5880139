using System.Security.Claims;
using Tidu.Application;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;

namespace Tidu.Web.Adapters;

/// <summary>
/// The actor of the request: the scope the database applies (the same source, so the two never disagree) and the
/// principal's role. Work running without a request (a job, an import) has no role: it acts only through its scope.
/// </summary>
public sealed class HttpActorSource(IHttpContextAccessor http, IRegionScopeSource scopes) : IActorSource
{
    public Actor Current
    {
        get
        {
            var scope = scopes.Current;
            return new Actor(scope.Actor, RoleOf(http.HttpContext?.User), scope);
        }
    }

    /// <summary>The principal's role (one per user on this platform), or null when it has none.</summary>
    public static string? RoleOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated != true ? null
            : Roles.All.FirstOrDefault(user.IsInRole) ?? (user.IsInRole(Security.ApiKeyAuthentication.Role) ? Security.ApiKeyAuthentication.Role : null);
}
