using Shouldly;
using Tidu.Application.Administration;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Xunit;

namespace Tidu.Application.Tests.Administration;

/// <summary>
/// The security policy (docs/compliance.md): the idle timeout may not be longer than a session lives (equal is allowed),
/// values stay in their ranges, a refused change is a security event too, and a second factor the configuration demands
/// stays demanded whatever the form says.
/// </summary>
public sealed class SecurityPolicyAdministrationTests : IAsyncLifetime
{
    private static readonly Actor Security = TestActors.Administrator(Roles.SecurityAdministrator);
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await UseCaseHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static SecurityPolicy Policy(int idleMinutes, int lifetimeHours, bool twoFactor = false) => new()
    {
        MinimumLength = 12,
        RequiredCharacterClasses = 3,
        PasswordHistory = 5,
        MaximumPasswordAgeDays = 90,
        IdleTimeoutMinutes = idleMinutes,
        AbsoluteLifetimeHours = lifetimeHours,
        RequireTwoFactor = twoFactor,
    };

    private Task<Outcome<SecurityPolicy>> SaveAsync(Actor actor, SecurityPolicy wanted) =>
        _host.AsAsync<SecurityPolicyAdministration, Outcome<SecurityPolicy>>(actor, p => p.SaveAsync(wanted, default));

    [Fact]
    public async Task An_idle_timeout_as_long_as_the_session_is_saved_and_one_minute_longer_refused()
    {
        var saved = (await SaveAsync(Security, Policy(idleMinutes: 120, lifetimeHours: 2))).Value!;
        saved.IdleTimeoutMinutes.ShouldBe(120);
        saved.UpdatedBy.ShouldBe(Security.Name);
        saved.UpdatedAt.ShouldBe(UseCaseHost.Start);
        (await SaveAsync(Security, Policy(idleMinutes: 121, lifetimeHours: 2))).Refusal!.Code.ShouldBe("security-policy.out-of-range");
        (await _host.AsAsync<SecurityPolicyAdministration, SecurityPolicy>(Security, p => p.ReadAsync(default))).IdleTimeoutMinutes.ShouldBe(120);
        _host.SecurityEvents.Select(e => (e.Kind, e.Outcome)).ShouldBe([(SecurityEvents.PolicyChanged, SecurityEvents.Success), (SecurityEvents.PolicyChanged, SecurityEvents.Failure)]);
    }

    [Fact]
    public async Task A_second_factor_the_configuration_demands_is_kept()
    {
        _host.TwoFactorRequiredByConfiguration = true;
        (await SaveAsync(Security, Policy(30, 8, twoFactor: false))).Value!.RequireTwoFactor.ShouldBeTrue();
    }

    [Fact]
    public async Task Only_the_security_administrator_changes_the_policy()
    {
        (await SaveAsync(TestActors.Administrator(Roles.SystemAdministrator), Policy(30, 8))).Refusal!.Code.ShouldBe("forbidden.security-policy");
        _host.SecurityEvents.ShouldBeEmpty();
    }
}
