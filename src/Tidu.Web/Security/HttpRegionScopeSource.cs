using System.Security.Claims;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;

namespace Tidu.Web.Security;

/// <summary>
/// The scope of the request's principal: the three administrators no enterprise at all (三员分立), officers their region, an enterprise
/// user its own file, commissioners the region they serve, experts the applications assigned to them, anonymous callers
/// nothing, an API key the region it was issued for.
/// </summary>
public sealed class HttpRegionScopeSource(IHttpContextAccessor http) : IRegionScopeSource
{
    /// <summary>Set by background work started by a user (an import): it keeps acting in that user's scope.</summary>
    public RegionScope? Override { get; set; }

    // Not cached: the principal is set by authentication, which may run after this object was created.
    public RegionScope Current => Override ?? ScopeOf(http.HttpContext?.User);

    public static RegionScope ScopeOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return RegionScope.Nothing("anonymous");
        }
        var actor = user.Identity.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var region = user.FindFirstValue(TiduClaims.RegionCode);
        if (user.IsInRole(Roles.Enterprise))
        {
            return user.FindFirstValue(TiduClaims.CreditCode) is { } code ? RegionScope.OneEnterprise(actor, code) : RegionScope.Nothing(actor);
        }
        if (user.IsInRole(Roles.Expert))
        {
            // Experts see what is assigned to them (the database filter reads their assignments by user id).
            return user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? RegionScope.Expert(actor, id) : RegionScope.Nothing(actor);
        }
        if (region is not null && (Roles.Officers.Any(user.IsInRole) || user.IsInRole(Roles.Commissioner) || user.IsInRole(ApiKeyAuthentication.Role)))
        {
            return RegionScope.Region(actor, region);
        }
        return RegionScope.Nothing(actor);
    }
}
