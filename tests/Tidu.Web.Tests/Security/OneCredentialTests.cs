using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// One authenticated principal per request: a sign-in cookie together with an API key is refused before anything is
/// read or written (the attack that combined a county officer's roles with another province's key), every endpoint
/// and page names exactly one authentication scheme, and a write that carries the cookie needs the antiforgery header
/// whatever else it sends.
/// </summary>
public abstract class OneCredentialTests(TiduAppFixture app)
{
    [Fact]
    public async Task A_cookie_with_another_regions_key_is_refused_for_reads_writes_and_pages_and_changes_nothing()
    {
        var hubei = KnownEnterprises.Jiang_an;
        var key = await ApiKeys.CreateAsync(app, "420000", "enterprises:read enterprises:write");
        using var client = await Sessions.LoginAsync(app, "sc-county");
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var before = await FileState.ReadAsync(app, hubei.CreditCode);

        var (read, json, text) = await client.GetJsonAsync($"/api/v1/enterprises/{hubei.CreditCode}");
        read.ShouldBe(HttpStatusCode.BadRequest, text);
        json!["title"]!.GetValue<string>().ShouldContain("只能使用一种身份");
        text.ShouldNotContain(hubei.Name);
        (await client.PutJsonAsync($"/api/v1/enterprises/{hubei.CreditCode}", Profiles.Minimal(hubei.CreditCode, "合并身份改名", hubei.RegionCode))).Status.ShouldBe(HttpStatusCode.BadRequest);
        var csv = Tables.Csv([new Tables.Row(hubei.CreditCode, "合并身份改名", hubei.RegionCode, "2015-03-01", "2025", "9999")]);
        (await client.ImportAsync("merge.csv", csv, commit: true)).Status.ShouldBe(HttpStatusCode.BadRequest);
        using (var page = await client.GetAsync(Http.Url("/Enterprises"), TestContext.Current.CancellationToken))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        (await FileState.ReadAsync(app, hubei.CreditCode)).ShouldBe(before);
        // Control: the same cookie alone works, and the same key alone reads its own province.
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        (await client.GetJsonAsync($"/api/v1/enterprises/{KnownEnterprises.Shangcheng.CreditCode}")).Status.ShouldBe(HttpStatusCode.OK);
        using var keyOnly = Sessions.WithApiKey(app, key);
        (await keyOnly.GetJsonAsync($"/api/v1/enterprises/{hubei.CreditCode}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cookie_with_an_empty_or_unknown_key_header_is_refused_too()
    {
        using var client = await Sessions.LoginAsync(app, "sc-county");
        foreach (var value in new[] { "not-a-key", "tidu_00000000_0000" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Http.Url("/api/v1/regions"));
            request.Headers.TryAddWithoutValidation("X-Api-Key", value);
            using var answer = await client.SendAsync(request, TestContext.Current.CancellationToken);
            answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"key header '{value}'");
        }
    }

    [Fact]
    public async Task A_cookie_write_without_the_antiforgery_header_is_refused_even_with_a_key_header()
    {
        var e = KnownEnterprises.Shangcheng;
        var key = await ApiKeys.CreateAsync(app, "330102", "enterprises:read enterprises:write");
        using var client = await Sessions.LoginAsync(app, "sc-county");
        client.DefaultRequestHeaders.Remove(Sessions.CsrfHeader);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var before = await FileState.ReadAsync(app, e.CreditCode);

        var (status, _, text) = await client.PutJsonAsync($"/api/v1/enterprises/{e.CreditCode}", Profiles.Minimal(e.CreditCode, "无令牌写入", e.RegionCode));
        status.ShouldBe(HttpStatusCode.BadRequest, text);
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        (await client.PutJsonAsync($"/api/v1/enterprises/{e.CreditCode}", Profiles.Minimal(e.CreditCode, "无令牌写入", e.RegionCode))).Status.ShouldBe(HttpStatusCode.BadRequest);

        (await FileState.ReadAsync(app, e.CreditCode)).ShouldBe(before);
    }

    [Fact]
    public async Task Every_endpoint_and_page_that_needs_a_principal_names_exactly_one_authentication_scheme()
    {
        var services = app.App.Services;
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var pages = await PagesAsync(services);
        var checkedCount = 0;
        var findings = new List<string>();
        var all = endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null).Select(e => (Name: e.RoutePattern.RawText ?? e.DisplayName ?? "", e.Metadata))
            .Concat(pages.Select(p => (Name: p.Route, p.Metadata)));
        foreach (var (name, metadata) in all)
        {
            if (metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                continue;
            }
            var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.GetOrderedMetadata<IAuthorizeData>(), metadata.GetOrderedMetadata<AuthorizationPolicy>());
            if (policy is null)
            {
                findings.Add($"{name}: no authorization at all");
            }
            else if (policy.AuthenticationSchemes.Count != 1)
            {
                findings.Add($"{name}: schemes [{string.Join(", ", policy.AuthenticationSchemes)}]");
            }
            checkedCount++;
        }
        findings.ShouldBeEmpty();
        // The API's and the pages' endpoints were all looked at (the pages but sign-in, access denied and error).
        pages.Count.ShouldBeGreaterThan(20);
        checkedCount.ShouldBeGreaterThan(80);
    }

    /// <summary>The pages as they run (path, route template and endpoint metadata): their access metadata is applied when a page is loaded.</summary>
    internal static async Task<List<(string Path, string Route, EndpointMetadataCollection Metadata)>> PagesAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var result = new List<(string, string, EndpointMetadataCollection)>();
        foreach (var descriptor in services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>())
        {
            var compiled = await loader.LoadAsync(descriptor, EndpointMetadataCollection.Empty);
            result.Add((descriptor.ViewEnginePath, "/" + (descriptor.AttributeRouteInfo?.Template ?? descriptor.ViewEnginePath.TrimStart('/')), new EndpointMetadataCollection(compiled.EndpointMetadata)));
        }
        return result;
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteOneCredentialTests(SqliteAppFixture app) : OneCredentialTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresOneCredentialTests(PostgresAppFixture app) : OneCredentialTests(app);
