using Shouldly;
using Tidu.Application.Sharing;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Identity;
using Xunit;

namespace Tidu.Application.Tests.Sharing;

/// <summary>
/// The list pull log as the access matrix's ListPull row reads (docs/security.md): the audit administrator sees every
/// pull; an officer the pulls of lists covering their region (a list of a region above it) or lying within it; nobody
/// else any. The pulls page and GET /api/v1/lists/pulls are this one query.
/// </summary>
public sealed class ListPullsTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    // Oldest first: Zhejiang, Hangzhou, 上城区, 拱墅区, Hubei, Ningbo.
    private static readonly string[] PulledRegions = ["330000", "330100", "330102", "330105", "420000", "330200"];

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            var key = new Data.Entities.ApiKey
            {
                Name = "bank",
                Prefix = "abcd1234",
                SecretHash = "00",
                RegionCode = "330000",
                Scopes = ApiScopes.ListsRead,
                RecipientKind = "bank",
                Tiers = "specialized-sme",
                CreatedAt = UseCaseHost.Start,
            };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            foreach (var region in PulledRegions)
            {
                db.ListPulls.Add(new ListPull
                {
                    At = UseCaseHost.Start,
                    ApiKeyId = key.Id,
                    KeyName = "bank-" + region,
                    RecipientKind = "bank",
                    RegionCode = region,
                    Tiers = "specialized-sme",
                    Format = "json",
                    Rows = 1,
                    ListHash = "hash-" + region,
                });
            }
            await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<IReadOnlyList<ListPull>> RecentAsync(Actor actor, int? take = null) =>
        _host.AsAsync<ListPulls, IReadOnlyList<ListPull>>(actor, p => p.RecentAsync(take, default));

    [Fact]
    public async Task The_audit_administrator_sees_every_pull_newest_first()
    {
        var pulls = await RecentAsync(TestActors.Administrator(Roles.AuditAdministrator));
        pulls.Select(p => p.RegionCode).ShouldBe(PulledRegions.Reverse());
    }

    [Fact]
    public async Task A_city_officer_sees_the_lists_above_and_within_the_city_and_no_other_citys()
    {
        var pulls = await RecentAsync(TestActors.City("330100"));
        pulls.Select(p => p.RegionCode).ShouldBe(["330105", "330102", "330100", "330000"]);
    }

    [Fact]
    public async Task A_county_officer_sees_neither_the_neighbouring_county_nor_another_province()
    {
        var pulls = await RecentAsync(TestActors.County("330102"));
        pulls.Select(p => p.RegionCode).ShouldBe(["330102", "330100", "330000"]);
    }

    [Theory]
    [InlineData(Roles.SystemAdministrator)]
    [InlineData(Roles.SecurityAdministrator)]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.Commissioner)]
    public async Task Whoever_the_matrix_denies_sees_no_pull(string role)
    {
        var actor = role == Roles.Commissioner ? TestActors.Commissioner("330100") : TestActors.Administrator(role);
        (await RecentAsync(actor)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Take_counts_the_pulls_the_reader_may_see_not_those_read_before_filtering()
    {
        // The two newest pulls (Ningbo, Hubei) are not Hangzhou's: the first two the city officer may see are 拱墅区 and 上城区.
        var pulls = await RecentAsync(TestActors.City("330100"), take: 2);
        pulls.Select(p => p.RegionCode).ShouldBe(["330105", "330102"]);
        (await RecentAsync(TestActors.City("330100"), take: 0)).Count.ShouldBe(1); // at least one
    }
}
