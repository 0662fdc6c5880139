namespace Tidu.Data.Identity;

/// <summary>The roles of the recognition procedure and the service system. Names are stable identifiers stored in the database.</summary>
public static class Roles
{
    public const string Enterprise = "enterprise";
    public const string CountyOfficer = "county-officer";
    public const string CityOfficer = "city-officer";
    public const string ProvinceOfficer = "province-officer";
    public const string Expert = "expert";
    public const string Administrator = "administrator";

    /// <summary>A commissioner (服务专员): serves enterprises of their region (county or city), answers requests, logs visits.</summary>
    public const string Commissioner = "commissioner";

    /// <summary>The role an API key's identity carries; never given to a user account.</summary>
    public const string ApiClient = "api-client";

    public static IReadOnlyList<string> All { get; } = [Enterprise, CountyOfficer, CityOfficer, ProvinceOfficer, Expert, Administrator, Commissioner];

    /// <summary>Officers read and write enterprise files within their region.</summary>
    public static IReadOnlyList<string> Officers { get; } = [CountyOfficer, CityOfficer, ProvinceOfficer];
}
