using Tidu.Data.Entities;
using Tidu.Data.Identity;

namespace Tidu.Application.Notifications;

/// <summary>Who a notice is for: an officer queue (role + the region it acts for), an enterprise's users, or one user.</summary>
public sealed record Recipient(string? UserName, string? Role, string? RegionCode, string? CreditCode)
{
    public static Recipient Officers(string role, string regionCode) => new(null, role, regionCode, null);

    public static Recipient EnterpriseOf(Enterprise e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(null, Roles.Enterprise, null, e.CreditCode);
    }

    public static Recipient CountyOf(Enterprise e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Officers(Roles.CountyOfficer, e.RegionCode);
    }

    public static Recipient CityOf(Enterprise e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Officers(Roles.CityOfficer, e.CityCode ?? e.RegionCode);
    }

    public static Recipient ProvinceOf(Enterprise e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Officers(Roles.ProvinceOfficer, e.ProvinceCode);
    }
}
