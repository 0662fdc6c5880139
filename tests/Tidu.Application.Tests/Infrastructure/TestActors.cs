using Tidu.Data.Identity;
using Tidu.Data.Scoping;

namespace Tidu.Application.Tests.Infrastructure;

/// <summary>The actors of the tests, as the web makes them from a signed-in user: a role and the scope that role gets.</summary>
public static class TestActors
{
    public static Actor Officer(string role, string region, string? name = null)
    {
        var kind = AccessMatrix.KindOfRole(role);
        return new Actor(name ?? $"{role}-{region}", role, RegionScope.Region(name ?? $"{role}-{region}", region) with { SeesReviewers = AccessMatrix.SeesReviewers(kind) });
    }

    public static Actor County(string region = "330102") => Officer(Roles.CountyOfficer, region);

    public static Actor City(string region = "330100") => Officer(Roles.CityOfficer, region);

    public static Actor Province(string region = "330000") => Officer(Roles.ProvinceOfficer, region);

    public static Actor Commissioner(string region) => Officer(Roles.Commissioner, region);

    public static Actor Enterprise(string creditCode) => new($"enterprise-{creditCode}", Roles.Enterprise, RegionScope.OneEnterprise($"enterprise-{creditCode}", creditCode));

    public static Actor Administrator(string role) => new(role, role, RegionScope.Nothing(role));
}
