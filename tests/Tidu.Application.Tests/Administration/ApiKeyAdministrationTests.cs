using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Application.Administration;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Xunit;

namespace Tidu.Application.Tests.Administration;

/// <summary>
/// API keys under least privilege (docs/security.md): only the security administrator issues and revokes them (三员分立);
/// each has one purpose; only a list key names a recipient kind and tiers, and it must name both; the secret is kept as
/// a hash; issuing and revoking are security events.
/// </summary>
public sealed class ApiKeyAdministrationTests : IAsyncLifetime
{
    private static readonly Actor Security = TestActors.Administrator(Roles.SecurityAdministrator);
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await UseCaseHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<Outcome<IssuedApiKey>> IssueAsync(Actor actor, ApiKeyRequest request) =>
        _host.AsAsync<ApiKeyAdministration, Outcome<IssuedApiKey>>(actor, k => k.IssueAsync(request, default));

    private Task<int> KeysAsync() => _host.AsSystemAsync(sp => sp.GetRequiredService<TiduDbContext>().ApiKeys.CountAsync());

    [Fact]
    public async Task The_security_administrator_issues_a_list_key_kept_as_a_hash_and_recorded()
    {
        var issued = (await IssueAsync(Security, new ApiKeyRequest(" 杭州银行 ", "330100", "list", "bank", ["specialized-sme", "specialized-sme", "no-such-tier"]))).Value!;
        issued.Key.Name.ShouldBe("杭州银行");
        issued.Key.Scopes.ShouldBe(ApiScopes.ListsRead);
        issued.Key.Tiers.ShouldBe("specialized-sme");
        issued.Text.ShouldStartWith($"tidu_{issued.Key.Prefix}_");
        issued.Key.SecretHash.ShouldBe(Convert.ToHexString(ApiKeySecrets.Hash(issued.Text)));
        _host.SecurityEvents.ShouldBe([(SecurityEvents.ApiKeyCreated, "杭州银行", SecurityEvents.Success)]);
    }

    [Theory]
    [InlineData(null, "330100", "read", null, "api-key.name-or-region")]
    [InlineData("k", "999999", "read", null, "api-key.name-or-region")]
    [InlineData("k", "330100", null, null, "api-key.purpose")]
    [InlineData("k", "330100", "admin", null, "api-key.purpose")]
    [InlineData("k", "330100", "list", null, "api-key.list-scope")]
    [InlineData("k", "330100", "read", "bank", "api-key.not-a-list-key")]
    public async Task A_key_outside_its_rules_is_refused_and_none_is_made(string? name, string region, string? purpose, string? kind, string code)
    {
        var refused = (await IssueAsync(Security, new ApiKeyRequest(name, region, purpose, kind, kind is null ? [] : ["little-giant"]))).Refusal!;
        refused.Code.ShouldBe(code);
        (await KeysAsync()).ShouldBe(0);
        _host.SecurityEvents.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_name_of_100_characters_is_taken_and_one_of_101_refused()
    {
        (await IssueAsync(Security, new ApiKeyRequest(new string('名', 100), "330100", "read", null, null))).Succeeded.ShouldBeTrue();
        (await IssueAsync(Security, new ApiKeyRequest(new string('名', 101), "330100", "read", null, null))).Refusal!.Code.ShouldBe("api-key.name-or-region");
    }

    [Fact]
    public async Task A_list_key_without_tiers_is_refused()
    {
        (await IssueAsync(Security, new ApiKeyRequest("k", "330100", "list", "bank", []))).Refusal!.Code.ShouldBe("api-key.list-scope");
    }

    [Theory]
    [InlineData(Roles.SystemAdministrator)]
    [InlineData(Roles.AuditAdministrator)]
    public async Task The_other_administrators_issue_no_key(string role)
    {
        var refused = (await IssueAsync(TestActors.Administrator(role), new ApiKeyRequest("k", "330100", "read", null, null))).Refusal!;
        refused.Kind.ShouldBe(RefusalKind.Forbidden);
        refused.Code.ShouldBe("forbidden.api-key");
        (await KeysAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Revoking_stamps_the_key_once_and_records_it_once()
    {
        var issued = (await IssueAsync(Security, new ApiKeyRequest("k", "330100", "write", null, null))).Value!;
        _host.Clock.Advance(TimeSpan.FromHours(1));
        var revoked = (await _host.AsAsync<ApiKeyAdministration, Outcome<Data.Entities.ApiKey>>(Security, k => k.RevokeAsync(issued.Key.Id, default))).Value!;
        revoked.RevokedAt.ShouldBe(UseCaseHost.Start.AddHours(1));
        _host.Clock.Advance(TimeSpan.FromHours(1));
        var again = (await _host.AsAsync<ApiKeyAdministration, Outcome<Data.Entities.ApiKey>>(Security, k => k.RevokeAsync(issued.Key.Id, default))).Value!;
        again.RevokedAt.ShouldBe(UseCaseHost.Start.AddHours(1));
        _host.SecurityEvents.Count(e => e.Kind == SecurityEvents.ApiKeyRevoked).ShouldBe(1);
    }
}
