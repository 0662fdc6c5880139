using Microsoft.AspNetCore.Identity;
using Shouldly;
using Tidu.Application.Administration;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data.Identity;
using Xunit;

namespace Tidu.Application.Tests.Administration;

/// <summary>
/// The account list of the administrators' pages: the system administrator (accounts) and the security administrator
/// (roles) read it, nobody else (三员分立); each account with its role, region name and whether it is locked out now.
/// </summary>
public sealed class AccountListTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            db.Roles.Add(new IdentityRole(Roles.CityOfficer) { Id = "r1", NormalizedName = Roles.CityOfficer.ToUpperInvariant() });
            db.Users.Add(new TiduUser { Id = "a", UserName = "hz-city", NormalizedUserName = "HZ-CITY", DisplayName = "杭州", RegionCode = "330100", LockoutEnd = UseCaseHost.Start.AddMinutes(1) });
            db.Users.Add(new TiduUser { Id = "b", UserName = "new-user", NormalizedUserName = "NEW-USER", DisplayName = "新", LockoutEnd = UseCaseHost.Start });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "a", RoleId = "r1" });
            await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<Outcome<IReadOnlyList<AccountEntry>>> ListAsync(Actor actor) =>
        _host.AsAsync<AccountAdministration, Outcome<IReadOnlyList<AccountEntry>>>(actor, a => a.ListAsync(default));

    [Theory]
    [InlineData(Roles.SystemAdministrator)]
    [InlineData(Roles.SecurityAdministrator)]
    public async Task The_system_and_security_administrators_read_every_account(string role)
    {
        var list = (await ListAsync(TestActors.Administrator(role))).Value!;
        list.Select(a => a.UserName).ShouldBe(["hz-city", "new-user"]);
        var city = list[0];
        (city.Role, city.RegionName, city.LockedOut).ShouldBe((Roles.CityOfficer, "杭州市", true));
        // A lockout ending at this very moment is over.
        (list[1].Role, list[1].RegionName, list[1].LockedOut).ShouldBe(((string?)null, (string?)null, false));
    }

    [Fact]
    public async Task The_audit_administrator_and_an_officer_read_none()
    {
        (await ListAsync(TestActors.Administrator(Roles.AuditAdministrator))).Refusal!.Kind.ShouldBe(RefusalKind.Forbidden);
        (await ListAsync(TestActors.Province())).Refusal!.Code.ShouldBe("forbidden.account");
    }
}
