using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Cluster;

/// <summary>
/// Two web nodes of one cluster share their rate limits: sign-in posts from one address spread over both nodes (as a
/// load balancer spreads them) are limited as if one node had them all, and another address keeps its own limit.
/// </summary>
[Collection(PostgresApp.Name)]
public sealed class SharedRateLimitTests(PostgresAppFixture app)
{
    private const int Limit = 4;

    [Fact]
    public async Task Sign_in_posts_split_across_two_nodes_are_limited_as_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = "tidu-limits-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = Node(cluster);
        await using var b = Node(cluster);
        await ClusterNodes.AllActiveAsync([a, b], ct);
        using var viaA = TestEndpoints.ClientFrom(a, "198.51.100.71");
        using var viaB = TestEndpoints.ClientFrom(b, "198.51.100.71");

        // Two posts through each node: four from the address, its whole limit, and neither node had more than two.
        for (var i = 0; i < Limit; i++)
        {
            (await PostLoginAsync(i % 2 == 0 ? viaA : viaB)).ShouldNotBe(HttpStatusCode.TooManyRequests, $"post {i + 1} of {Limit}");
        }
        (await PostLoginAsync(viaA)).ShouldBe(HttpStatusCode.TooManyRequests, "node A had two posts from the address, the cluster four");
        (await PostLoginAsync(viaB)).ShouldBe(HttpStatusCode.TooManyRequests, "node B had two posts from the address, the cluster five");

        using var other = TestEndpoints.ClientFrom(b, "198.51.100.72");
        (await PostLoginAsync(other)).ShouldNotBe(HttpStatusCode.TooManyRequests, "another address has its own limit");
    }

    /// <summary>A node whose sign-in limit is <see cref="Limit"/> posts per address in one window for the whole test.</summary>
    private WebApplicationFactory<Program> Node(string cluster) => ClusterNodes.Node(app, cluster, b =>
    {
        b.UseSetting("RateLimits:SignInPerAddress", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.UseSetting("RateLimits:WindowSeconds", "3600");
    });

    private static async Task<HttpStatusCode> PostLoginAsync(HttpClient client)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "nobody", ["Input.Password"] = "wrong" });
        using var answer = await client.PostAsync(Http.Url("/Account/Login"), form, TestContext.Current.CancellationToken);
        return answer.StatusCode;
    }
}
