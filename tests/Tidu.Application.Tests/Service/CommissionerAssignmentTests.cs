using Microsoft.AspNetCore.Identity;
using Shouldly;
using Tidu.Application.Service;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Xunit;

namespace Tidu.Application.Tests.Service;

/// <summary>
/// Assigning a commissioner by name (the commissioners page and POST /api/v1/enterprises/{code}/commissioner): officers
/// only (the access matrix's AssignCommissioner step), an enterprise of their scope, a user holding the commissioner
/// role of the enterprise's county, city or province; a second assignment needs a reason.
/// </summary>
public sealed class CommissionerAssignmentTests : IAsyncLifetime
{
    private const string Code = "91330102MA00000001";
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            Arrange.Enterprise(db, Code, "330102");
            db.Roles.Add(new IdentityRole(Roles.Commissioner) { Id = "role-c", NormalizedName = Roles.Commissioner.ToUpperInvariant() });
            db.Roles.Add(new IdentityRole(Roles.CountyOfficer) { Id = "role-o", NormalizedName = Roles.CountyOfficer.ToUpperInvariant() });
            foreach (var (id, name, region, role) in new[] { ("u1", "sc-commissioner", "330102", "role-c"), ("u2", "sc-commissioner-b", "330102", "role-c"), ("u3", "gs-commissioner", "330105", "role-c"), ("u4", "sc-county", "330102", "role-o") })
            {
                db.Users.Add(new TiduUser { Id = id, UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, RegionCode = region });
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = role });
            }
            await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<Outcome<CommissionerAssignment>> AssignAsync(Actor actor, string? code, string? name, string? reason = null) =>
        _host.AsAsync<CommissionerService, Outcome<CommissionerAssignment>>(actor, s => s.AssignAsync(code, name, reason, default));

    [Fact]
    public async Task A_county_officer_assigns_a_county_commissioner_and_a_change_needs_a_reason()
    {
        var first = (await AssignAsync(TestActors.County("330102"), Code, "SC-Commissioner")).Value!;
        first.Commissioner.ShouldBe("sc-commissioner");
        first.Level.ShouldBe("county");
        first.RegionCode.ShouldBe("330102");

        (await AssignAsync(TestActors.County("330102"), Code, "sc-commissioner-b")).Refusal!.Code.ShouldBe("commissioner.refused");
        var second = (await AssignAsync(TestActors.County("330102"), Code, "sc-commissioner-b", "工作调整")).Value!;
        second.PreviousCommissioner.ShouldBe("sc-commissioner");
    }

    [Fact]
    public async Task Who_is_not_a_commissioner_or_serves_another_county_is_refused()
    {
        (await AssignAsync(TestActors.County("330102"), Code, "sc-county")).Refusal!.Code.ShouldBe("commissioner.refused");
        (await AssignAsync(TestActors.County("330102"), Code, "gs-commissioner")).Refusal!.Code.ShouldBe("commissioner.refused");
        (await AssignAsync(TestActors.County("330102"), Code, "nobody")).Refusal!.Code.ShouldBe("commissioner.unknown-user");
    }

    [Fact]
    public async Task Another_countys_officer_does_not_find_the_enterprise_and_a_commissioner_may_not_assign()
    {
        (await AssignAsync(TestActors.County("330105"), Code, "sc-commissioner")).Refusal!.Code.ShouldBe("enterprise.not-found");
        var refused = (await AssignAsync(TestActors.Commissioner("330102"), Code, "sc-commissioner")).Refusal!;
        refused.Kind.ShouldBe(RefusalKind.Forbidden);
        refused.Code.ShouldBe("forbidden.assign-commissioner");
    }
}
