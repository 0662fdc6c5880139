using System.Security.Claims;
using Tidu.Data.Identity;
using Tidu.Web.Security;

namespace Tidu.Web.Api;

/// <summary>Authorization policies. Which rows a caller sees is the database's region scope; these decide what a caller may do at all.</summary>
public static class Policies
{
    public const string Officer = "officer";
    public const string Administrator = "administrator";
    public const string ApiRead = "api-read";
    public const string ApiWrite = "api-write";

    /// <summary>The workflow API: whoever may read, and experts (the database shows them only their assigned applications).</summary>
    public const string WorkflowRead = "workflow-read";

    public static bool MayRead(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || Roles.Officers.Any(user.IsInRole) || user.IsInRole(Roles.Commissioner) || user.IsInRole(Roles.Enterprise) || HasApiScope(user, "enterprises:read");

    public static bool MayReadWorkflow(ClaimsPrincipal user) => MayRead(user) || user.IsInRole(Roles.Expert);

    public static bool MayWrite(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || Roles.Officers.Any(user.IsInRole) || HasApiScope(user, "enterprises:write");

    private static bool HasApiScope(ClaimsPrincipal user, string scope) =>
        user.IsInRole(ApiKeyAuthentication.Role)
        && (user.FindFirst(TiduClaims.ApiScopes)?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope) ?? false);
}
