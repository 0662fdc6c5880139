using Tidu.Domain.Display;
namespace Tidu.Data.Identity;

/// <summary>
/// The roles. Names are stable identifiers stored in the database. Every account holds exactly one role (a unique
/// index on the user-role table enforces it in the database), so no account can hold two of the three administrator
/// roles, nor an administrator role beside a business role.
/// </summary>
public static class Roles
{
    public const string Enterprise = "enterprise";
    public const string CountyOfficer = "county-officer";
    public const string CityOfficer = "city-officer";
    public const string ProvinceOfficer = "province-officer";
    public const string Expert = "expert";

    /// <summary>A commissioner (服务专员): serves enterprises of their region (county or city), answers requests, logs visits.</summary>
    public const string Commissioner = "commissioner";

    /// <summary>系统管理员: accounts (create, edit, disable), their regions, the region table and the platform's configuration. No enterprise data.</summary>
    public const string SystemAdministrator = "system-administrator";

    /// <summary>安全管理员: who holds which role, API keys, and the security policy (passwords, sessions, second factor). No enterprise data.</summary>
    public const string SecurityAdministrator = "security-administrator";

    /// <summary>审计管理员: reads, searches and exports the audit trail and the security log, and checks the chain. Nothing else.</summary>
    public const string AuditAdministrator = "audit-administrator";

    /// <summary>The role an API key's identity carries; never given to a user account.</summary>
    public const string ApiClient = "api-client";

    public static IReadOnlyList<string> All { get; } =
        [Enterprise, CountyOfficer, CityOfficer, ProvinceOfficer, Expert, Commissioner, SystemAdministrator, SecurityAdministrator, AuditAdministrator];

    /// <summary>Officers read and write enterprise files within their region.</summary>
    public static IReadOnlyList<string> Officers { get; } = [CountyOfficer, CityOfficer, ProvinceOfficer];

    /// <summary>The three separated administrator roles (三员分立); none of them reads or changes enterprise data.</summary>
    public static IReadOnlyList<string> Administrators { get; } = [SystemAdministrator, SecurityAdministrator, AuditAdministrator];

    /// <summary>The roles whose accounts must sign in with a second factor when the security policy requires it.</summary>
    public static IReadOnlyList<string> StrongAuthentication { get; } = [.. Officers, .. Administrators];

    /// <summary>Chinese names for pages (the display vocabulary holds them, so pages, audit lines and the console agree).</summary>
    public static string Title(string role) => DisplayNames.Role(role);

    /// <summary>
    /// Whether an account acting for a region of <paramref name="level"/> ("province", "city", "county", or null for
    /// none) may hold <paramref name="role"/>: officers at their own level, commissioners at a city or county, the
    /// administrators and experts for no region (they see no region's files); an enterprise user is bound to its file.
    /// </summary>
    public static bool FitsRegionLevel(string role, string? level) => role switch
    {
        ProvinceOfficer => level == "province",
        CityOfficer => level == "city",
        CountyOfficer => level == "county",
        Commissioner => level is "city" or "county",
        SystemAdministrator or SecurityAdministrator or AuditAdministrator or Expert => level is null,
        _ => true,
    };
}
