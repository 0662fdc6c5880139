using System.Security.Claims;
using Tidu.Data.Identity;
using Tidu.Web.Security;

namespace Tidu.Web.Api;

/// <summary>
/// Authorization policies. Which rows a caller sees is the database's region scope; these decide what a caller may do
/// at all. The three administrators (三员分立) each have their own policy and none of them passes a policy that reads
/// or writes enterprise data.
/// </summary>
public static class Policies
{
    public const string Officer = "officer";
    public const string ApiRead = "api-read";
    public const string ApiWrite = "api-write";

    /// <summary>The workflow API: whoever may read, and experts (the database shows them only their assigned applications).</summary>
    public const string WorkflowRead = "workflow-read";

    /// <summary>Any signed-in account that is not one of the three administrators: the business pages.</summary>
    public const string BusinessUser = "business-user";

    /// <summary>系统管理员: accounts, regions, configuration.</summary>
    public const string SystemAdministrator = "system-administrator";

    /// <summary>安全管理员: roles, API keys, security policy.</summary>
    public const string SecurityAdministrator = "security-administrator";

    /// <summary>审计管理员: the audit trail and the security log.</summary>
    public const string AuditAdministrator = "audit-administrator";

    /// <summary>Any of the three administrators (their own start page).</summary>
    public const string AnyAdministrator = "any-administrator";

    /// <summary>The list pull log: officers (their region's pulls) and the audit administrator (all).</summary>
    public const string PullLog = "pull-log";

    public static bool IsAdministrator(ClaimsPrincipal user) => Roles.Administrators.Any(user.IsInRole);

    public static bool MayRead(ClaimsPrincipal user) =>
        Roles.Officers.Any(user.IsInRole) || user.IsInRole(Roles.Commissioner) || user.IsInRole(Roles.Enterprise) || HasApiScope(user, "enterprises:read");

    public static bool MayReadWorkflow(ClaimsPrincipal user) => MayRead(user) || user.IsInRole(Roles.Expert);

    public static bool MayWrite(ClaimsPrincipal user) =>
        Roles.Officers.Any(user.IsInRole) || HasApiScope(user, "enterprises:write");

    private static bool HasApiScope(ClaimsPrincipal user, string scope) =>
        user.IsInRole(ApiKeyAuthentication.Role)
        && (user.FindFirst(TiduClaims.ApiScopes)?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope) ?? false);
}
