using Tidu.Data.Identity;

namespace Tidu.Web.Seeding;

/// <summary>One demo account per role, in regions chosen so the region-scope rules can be tried out (two counties of one city).</summary>
public static class DemoAccounts
{
    public sealed record Account(string UserName, string DisplayName, string Role, string? RegionCode);

    public static IReadOnlyList<Account> All { get; } =
    [
        new("admin", "系统管理员", Roles.Administrator, null),
        new("zj-province", "浙江省经信厅 专精特新处", Roles.ProvinceOfficer, "330000"),
        new("hz-city", "杭州市经信局 中小企业处", Roles.CityOfficer, "330100"),
        new("sc-county", "上城区经信局", Roles.CountyOfficer, "330102"),
        new("gs-county", "拱墅区经信局", Roles.CountyOfficer, "330105"),
        new("hb-province", "湖北省经信厅 中小企业处", Roles.ProvinceOfficer, "420000"),
        new("expert", "评审专家（演示）", Roles.Expert, null),
        new("enterprise", "企业用户（演示）", Roles.Enterprise, "330102"),
        // Commissioners (服务专员): the city's for its hidden champions, little giants and single champions, the
        // counties' for specialized and innovative SMEs (浙政办发〔2022〕19号 二（十）); two in 上城区 to try a reassignment.
        new("hz-commissioner", "杭州市 服务专员（演示）", Roles.Commissioner, "330100"),
        new("sc-commissioner", "上城区 服务专员甲（演示）", Roles.Commissioner, "330102"),
        new("sc-commissioner-b", "上城区 服务专员乙（演示）", Roles.Commissioner, "330102"),
        new("gs-commissioner", "拱墅区 服务专员（演示）", Roles.Commissioner, "330105"),
        new("ja-commissioner", "江岸区 服务专员（演示）", Roles.Commissioner, "420102"),
    ];
}
