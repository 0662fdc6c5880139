using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Cluster;

/// <summary>
/// Two web nodes of one cluster (Cluster:Mode Postgres: each hosts a silo, membership in the platform's PostgreSQL) on
/// the shared app's database, each with its own memory: an import saved through node A shows at once in node B's
/// dashboard and list, which B had already counted and cached.
/// </summary>
[Collection(PostgresApp.Name)]
public sealed partial class TwoNodeCoherenceTests(PostgresAppFixture app)
{
    [Fact]
    public async Task A_write_through_one_node_is_counted_at_once_by_the_other_nodes_dashboard_and_list()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = "tidu-nodes-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = Node(cluster);
        await using var b = Node(cluster);
        using var onA = await Sessions.LoginAsync(Client(a), "hz-city");
        using var onB = await Sessions.LoginAsync(Client(b), "hz-city");
        await ClusterNodes.AllActiveAsync([a, b], ct);

        // Node B counts, and keeps the counts in its own memory.
        var dashboard = await TotalAsync(onB, "/");
        var list = await TotalAsync(onB, "/Enterprises");
        (await TotalAsync(onB, "/")).ShouldBe(dashboard);

        // Two new files saved through node A.
        var (status, json, text) = await onA.ImportAsync("two-nodes.csv", Tables.Csv(
        [
            new(CreditCodes.For("330106", 897_101), "双节点一号有限公司", "330106", "2012-05-01", "2025", "100"),
            new(CreditCodes.For("330106", 897_102), "双节点二号有限公司", "330106", "2012-05-01", "2025", "100"),
        ]), commit: true);
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["committed"]!["created"]!.GetValue<int>().ShouldBe(2);

        (await TotalAsync(onB, "/")).ShouldBe(dashboard + 2, "node B's dashboard counts node A's write at once");
        (await TotalAsync(onB, "/Enterprises")).ShouldBe(list + 2, "node B's list counts node A's write at once");
    }

    /// <summary>A node of the test's cluster with its own memory.</summary>
    private WebApplicationFactory<Program> Node(string cluster) => ClusterNodes.Node(app, cluster, b =>
        // Cached counts never expire by the machine's clock here: only a new write generation makes a node count again,
        // however long the machine takes between the reads.
        b.ConfigureTestServices(s => s.AddSingleton<IMemoryCache>(new MemoryCache(new MemoryCacheOptions { Clock = new StoppedClock() }))));

    private sealed class StoppedClock : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow { get; } = TestClock.Start;
    }

    /// <summary>The number a page shows as its total (the dashboard's enterprise count, the list's "共 N 家企业").</summary>
    private static async Task<int> TotalAsync(HttpClient client, string page)
    {
        var html = await client.GetPageAsync(page);
        var match = Total().Match(html);
        match.Success.ShouldBeTrue($"{page} shows a total");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static HttpClient Client(WebApplicationFactory<Program> host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = TiduAppFixture.BaseAddress });

    [GeneratedRegex("""data-testid="total"[^>]*>\D*(\d+)""")]
    private static partial Regex Total();
}
