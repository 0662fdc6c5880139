using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Data.Identity;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>Fresh accounts of their own for tests that change an account (its second factor, password, role, status), so no test touches another's.</summary>
public static class TestAccounts
{
    public const string Password = "Correct-horse-2026";

    public static async Task<string> CreateAsync(TiduAppFixture app, string prefix, string? role, string? regionCode = null, string password = Password, string? creditCode = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var userName = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = app.App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Tidu.Web.Security.HttpRegionScopeSource>().Override = Tidu.Data.Scoping.RegionScope.Everything("test:system");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TiduUser>>();
        var user = new TiduUser { UserName = userName, DisplayName = "测试账户 " + userName, RegionCode = regionCode, CreditCode = creditCode };
        var created = await users.CreateAsync(user, password);
        created.Succeeded.ShouldBeTrue(string.Join("; ", created.Errors.Select(e => e.Description)));
        if (role is not null)
        {
            (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        }
        return userName;
    }

    /// <summary>Runs <paramref name="work"/> with the app's user manager (acting as the system).</summary>
    public static async Task<T> WithUsersAsync<T>(TiduAppFixture app, Func<UserManager<TiduUser>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(work);
        using var scope = app.App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Tidu.Web.Security.HttpRegionScopeSource>().Override = Tidu.Data.Scoping.RegionScope.Everything("test:system");
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<TiduUser>>());
    }
}
