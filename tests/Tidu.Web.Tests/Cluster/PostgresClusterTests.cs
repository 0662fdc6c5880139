using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;
using Shouldly;
using Tidu.Cluster.Hosting;
using Tidu.Cluster.Scheduling;
using Tidu.Data.Changes;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Cluster;

/// <summary>
/// Two nodes' silos on a fresh platform database of the PostgreSQL fixture's server, with membership and reminders in
/// Orleans' ADO.NET tables that the platform's own setup applies: they find each other, keep one reminder per job, and
/// one sees the other's writes.
/// </summary>
[Collection(PostgresApp.Name)]
public sealed class PostgresClusterTests(PostgresAppFixture app)
{
    [Fact]
    public async Task Two_nodes_on_the_platform_database_form_one_cluster_with_one_reminder_per_job()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        // Nodes starting together apply the tables at the same time, and a restart applies them again: nothing fails.
        await Task.WhenAll(OrleansSchema.ApplyAsync(scratch.Connection, ct), OrleansSchema.ApplyAsync(scratch.Connection, ct));
        await OrleansSchema.ApplyAsync(scratch.Connection, ct);

        var job = new CountedJob("pg-test-job", TimeSpan.FromHours(1));
        using var first = await StartNodeAsync(scratch.Connection, job, ct);
        using var second = await StartNodeAsync(scratch.Connection, job, ct);

        var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        (await management.GetHosts(onlyActive: true, ct)).Count.ShouldBe(2);
        (await ScalarAsync(scratch.Connection, "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'pg-test-job'", ct)).ShouldBe(1L);

        // A write told through the first node changes the generation the second node reads.
        var before = await second.Services.GetRequiredService<IWriteGeneration>().CurrentAsync(ct);
        (await second.Services.GetRequiredService<IWriteGeneration>().CurrentAsync(ct)).ShouldBe(before);
        await first.Services.GetRequiredService<IWriteGeneration>().AdvanceAsync(ct);
        (await second.Services.GetRequiredService<IWriteGeneration>().CurrentAsync(ct)).ShouldNotBe(before);

        // A node stops: the reminder is a row of the database and stays, and the job's grain answers on the remaining
        // node (activated again there if it lived on the stopped one).
        var onSecond = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledJobGrain>(job.Name);
        await onSecond.RunAsync();
        await second.StopAsync(ct);
        (await management.GetHosts(onlyActive: true, ct)).Count.ShouldBe(1);
        (await ScalarAsync(scratch.Connection, "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'pg-test-job'", ct)).ShouldBe(1L);
        await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledJobGrain>(job.Name).RunAsync();
        job.Runs.ShouldBe(2);
        await first.StopAsync(ct);
    }

    private static async Task<IHost> StartNodeAsync(string connection, IScheduledJob job, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(job);
        var settings = new ClusterSettings
        {
            Mode = ClusterMode.Postgres,
            ClusterId = "tidu-test",
            ServiceId = "tidu-test",
            SiloPort = LocalPostgresCluster.FreePort(),
            GatewayPort = LocalPostgresCluster.FreePort(),
            AdvertisedAddress = IPAddress.Loopback.ToString(),
        };
        builder.UseOrleans(silo => silo.ConfigureTidu(settings, connection));
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }

    private static async Task<object?> ScalarAsync(string connection, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, conn);
        return await command.ExecuteScalarAsync(ct);
    }

    private sealed class CountedJob(string name, TimeSpan period) : IScheduledJob
    {
        private int _runs;

        public string Name => name;
        public TimeSpan Period => period;
        public int Runs => Volatile.Read(ref _runs);

        public Task<int> RunAsync(CancellationToken ct) => Task.FromResult(Interlocked.Increment(ref _runs));
    }
}
