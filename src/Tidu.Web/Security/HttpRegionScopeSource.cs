using System.Security.Claims;
using Tidu.Data.Scoping;

namespace Tidu.Web.Security;

/// <summary>The scope of the request's principal, as the access matrix decides it (<see cref="AccessMatrix.ScopeOf"/>).</summary>
public sealed class HttpRegionScopeSource(IHttpContextAccessor http) : IRegionScopeSource
{
    /// <summary>Set by background work started by a user (an import): it keeps acting in that user's scope.</summary>
    public RegionScope? Override { get; set; }

    // Not cached: the principal is set by authentication, which may run after this object was created.
    public RegionScope Current => Override ?? ScopeOf(http.HttpContext?.User);

    public static RegionScope ScopeOf(ClaimsPrincipal? user) => AccessMatrix.ScopeOf(user);
}
