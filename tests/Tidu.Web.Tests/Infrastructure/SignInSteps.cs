using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Data.Identity;
using Xunit;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>Walking a sign-in through its steps as a browser does, on a host of the app (a fake clock's, usually).</summary>
public static partial class SignInSteps
{
    public static HttpClient Client(WebApplicationFactory<Program> host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress });
    }

    /// <summary>Posts the password; returns where the sign-in goes next ("/" or the return URL when it is complete).</summary>
    public static async Task<string> PasswordAsync(HttpClient client, string userName, string password = TestAccounts.Password)
    {
        var (status, location, html) = await PostAsync(client, "/Account/Login", [new("Input.UserName", userName), new("Input.Password", password)]);
        status.ShouldBe(HttpStatusCode.Redirect, html);
        return location!;
    }

    /// <summary>Posts a form of <paramref name="page"/> (its antiforgery token read from the page); the status and the redirect's path, if any.</summary>
    public static async Task<(HttpStatusCode Status, string? Location, string Html)> PostAsync(HttpClient client, string page, IEnumerable<KeyValuePair<string, string>> fields, string? handler = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var get = await client.GetAsync(Http.Url(page), TestContext.Current.CancellationToken);
        var html = await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        get.StatusCode.ShouldBe(HttpStatusCode.OK, page + ": " + html[..Math.Min(300, html.Length)]);
        var url = handler is null ? page : page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        using var form = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", PageForms.AntiforgeryToken(html))));
        using var post = await client.PostAsync(Http.Url(url), form, TestContext.Current.CancellationToken);
        var body = await post.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (post.StatusCode, post.Headers.Location is { } l ? new Uri(new Uri("http://localhost"), l).AbsolutePath : null, body);
    }

    /// <summary>Whether the client holds a session: the API answers it (401 without one).</summary>
    public static async Task<bool> SignedInAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var r = await client.GetAsync(Http.Url("/Account/Security"), TestContext.Current.CancellationToken);
        return r.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The authenticator secret on the enrolment page (as the user would type it into an app).</summary>
    public static async Task<string> SharedKeyAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetPageAsync("/Account/Enrol");
        var key = PageForms.TestIdText(html, "shared-key");
        key.ShouldNotBeNullOrEmpty();
        return key;
    }

    /// <summary>Sets the security policy for the duration of a test (the shared app's tests run one after another); restores it on dispose.</summary>
    public static async Task<IAsyncDisposable> PolicyAsync(TiduAppFixture app, Action<SecurityPolicy> change)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(change);
        var before = await app.WithDbAsync(db => db.SecurityPolicies.AsNoTracking().SingleAsync());
        await app.WithDbAsync(async db =>
        {
            var row = await db.SecurityPolicies.SingleAsync();
            change(row);
            await db.SaveChangesAsync();
        });
        return new Restore(app, before);
    }

    private sealed class Restore(TiduAppFixture app, SecurityPolicy before) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await app.WithDbAsync(async db =>
        {
            var row = await db.SecurityPolicies.SingleAsync();
            db.Entry(row).CurrentValues.SetValues(before);
            await db.SaveChangesAsync();
        });
    }
}
