using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Tidu.Data.Identity;
using Tidu.Web.Security;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// Two nodes of the platform on one database, as behind a load balancer: a session and an anti-forgery token issued by
/// one node are accepted by the other, the keys that protect them are in the database and sealed there, and wrong
/// passwords sent to both nodes are counted together.
/// </summary>
public abstract partial class SharedNodeStateTests(TiduAppFixture app)
{
    [Fact]
    public async Task A_form_from_one_node_signs_in_through_the_other_and_the_session_holds_on_both()
    {
        var name = await TestAccounts.CreateAsync(app, "nodes", Roles.CountyOfficer, "330102");
        await using var second = app.App.WithWebHostBuilder(_ => { });
        var cookies = new CookieContainer();
        using var first = Client(app.App, cookies);
        using var other = Client(second, cookies);

        // The login page (and its anti-forgery token) from the first node, the form posted to the second.
        var page = await first.GetStringAsync(Http.Url("/Account/Login"), TestContext.Current.CancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = name,
            ["Input.Password"] = TestAccounts.Password,
            ["__RequestVerificationToken"] = PageForms.AntiforgeryToken(page),
        });
        using var signIn = await other.PostAsync(Http.Url("/Account/Login"), form, TestContext.Current.CancellationToken);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the second node reads the first node's anti-forgery token");

        foreach (var node in new[] { first, other })
        {
            using var list = await node.GetAsync(Http.Url("/Enterprises"), TestContext.Current.CancellationToken);
            list.StatusCode.ShouldBe(HttpStatusCode.OK, "the session cookie is read by both nodes");
        }
    }

    [Fact]
    public async Task The_keys_are_in_the_database_sealed_with_the_field_keys_and_their_creation_is_audited()
    {
        // A page with a form makes sure a key exists.
        using var client = app.NewClient();
        (await client.GetAsync(Http.Url("/Account/Login"), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await using var second = app.App.WithWebHostBuilder(_ => { });
        second.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository.ShouldBeOfType<DatabaseKeyRepository>();

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.OrderBy(k => k.Id).ToListAsync(TestContext.Current.CancellationToken));
        keys.ShouldNotBeEmpty();
        foreach (var key in keys)
        {
            Regex.IsMatch(key.Xml, "<tiduEncryptedKey[^>]*>ENC1:(sm4gcm|aes256gcm):").ShouldBeTrue(key.Xml);
            key.Xml.ShouldNotContain("<masterKey", Case.Sensitive, "the key material is never stored in clear");
        }
        var names = keys.Select(k => k.FriendlyName).ToList();
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Entity == "DataProtectionKey").Select(e => new { e.EntityKey, e.Actor })
            .ToListAsync(TestContext.Current.CancellationToken));
        audited.Select(a => a.EntityKey).ShouldBe(names, ignoreOrder: true);
        audited.ShouldAllBe(a => a.Actor == DatabaseKeyRepository.Actor);
    }

    [Fact]
    public async Task Wrong_passwords_sent_to_two_nodes_are_counted_together()
    {
        var name = await TestAccounts.CreateAsync(app, "nodes-lock", Roles.CountyOfficer, "330102");
        await using var second = app.App.WithWebHostBuilder(_ => { });
        const string address = "198.51.100.77";
        using var first = TestEndpoints.ClientFrom(app.App, address);
        using var other = TestEndpoints.ClientFrom(second, address);
        for (var i = 0; i < 5; i++)
        {
            (await Sessions.PostLoginAsync(i % 2 == 0 ? first : other, name, "wrong-" + i)).Status.ShouldBe(HttpStatusCode.OK);
        }
        foreach (var node in new[] { first, other })
        {
            var (status, body) = await Sessions.PostLoginAsync(node, name, TestAccounts.Password);
            status.ShouldBe(HttpStatusCode.OK, "three failures on one node and two on the other make five");
            body.ShouldContain("登录失败次数过多");
        }
        using var owner = TestEndpoints.ClientFrom(second, "203.0.113.77");
        (await Sessions.PostLoginAsync(owner, name, TestAccounts.Password)).Status.ShouldBe(HttpStatusCode.Redirect, "another address is not kept waiting");
    }

    private static HttpClient Client(WebApplicationFactory<Program> host, CookieContainer cookies) =>
        host.CreateDefaultClient(TiduAppFixture.BaseAddress, new CookieContainerHandler(cookies));
}

[Collection(SqliteApp.Name)]
public sealed class SqliteSharedNodeStateTests(SqliteAppFixture app) : SharedNodeStateTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresSharedNodeStateTests(PostgresAppFixture app) : SharedNodeStateTests(app);
