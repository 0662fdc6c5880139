using Shouldly;
using Tidu.Application.Screening;
using Tidu.Application.Tests.Infrastructure;
using Xunit;

namespace Tidu.Application.Tests.Screening;

/// <summary>
/// The regions of a reader's scope (GB/T 2260 codes: province → city → county): within it, what a list filter can narrow
/// to; above it, its path to the province; nothing beside it. The screening page's filter and GET /api/v1/regions read this.
/// </summary>
public sealed class ScopeRegionsTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await UseCaseHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_city_officer_reaches_the_city_and_its_counties_and_sees_the_province_above()
    {
        var regions = await _host.AsAsync<ScopeRegions, IReadOnlyList<ScopeRegion>>(TestActors.City("330100"), r => r.ListAsync(default));
        var within = regions.Where(r => r.Within).Select(r => r.Code).ToList();
        within.ShouldContain("330100");
        within.ShouldContain("330102"); // 上城区
        within.ShouldContain("330105"); // 拱墅区
        within.ShouldAllBe(code => code.StartsWith("3301", StringComparison.Ordinal));
        regions.Where(r => !r.Within).Select(r => r.Code).ShouldBe(["330000"]);
        regions.ShouldNotContain(r => r.Code == "330200" || r.Code == "420000");
    }

    [Fact]
    public async Task A_county_officer_reaches_the_county_alone()
    {
        var regions = await _host.AsAsync<ScopeRegions, IReadOnlyList<ScopeRegion>>(TestActors.County("330102"), r => r.ListAsync(default));
        regions.Where(r => r.Within).Select(r => r.Code).ShouldBe(["330102"]);
        regions.Where(r => !r.Within).Select(r => r.Code).ShouldBe(["330000", "330100"]);
    }

    [Fact]
    public async Task The_label_names_the_readers_region_everything_or_nothing()
    {
        (await _host.AsAsync<ScopeRegions, string>(TestActors.City("330100"), r => r.LabelAsync(default))).ShouldBe("杭州市");
        (await _host.AsSystemAsync(sp => ((ScopeRegions)sp.GetService(typeof(ScopeRegions))!).LabelAsync(default))).ShouldBe("全部区域");
        (await _host.AsAsync<ScopeRegions, string>(TestActors.Enterprise("91330102MA00000000"), r => r.LabelAsync(default))).ShouldBe("");
    }
}
