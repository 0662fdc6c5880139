using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;
using Tidu.Application.Screening;
using Tidu.Cluster.Hosting;
using Tidu.Cluster.Jobs;
using Tidu.Cluster.Scheduling;
using Tidu.Data.Changes;

namespace Tidu.Cluster.Tests;

/// <summary>
/// A cluster of silos (two unless asked) in this process, each standing for a web node: the platform's cluster services,
/// membership and reminders in memory or in PostgreSQL (<see cref="TestMembership"/>), and a counting job
/// (<see cref="CountingJob"/>) that each test gets its own of. The reminders run on a fake clock (<see cref="Clock"/>) that
/// only the test moves. New grains are placed on the silo that first calls them, so a test decides where a grain lives
/// (and which silo to stop).
/// </summary>
public sealed class TestSilos : IAsyncDisposable
{
    private const string RunKey = "TiduTest:Run";
    private static readonly ConcurrentDictionary<string, (CountingJob Job, FakeTimeProvider Clock)> Jobs = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ShardStarts> Starts = new(StringComparer.Ordinal);
    private readonly string _run;

    private TestSilos(TestCluster cluster, string run, CountingJob job, FakeTimeProvider clock, ShardStarts starts)
    {
        Cluster = cluster;
        _run = run;
        Job = job;
        Clock = clock;
        Shards = starts;
    }

    public TestCluster Cluster { get; }

    /// <summary>The job both silos have registered (one object: the silos share this process).</summary>
    public CountingJob Job { get; }

    /// <summary>The reminders' clock on every silo (Orleans' keyed reminder <see cref="TimeProvider"/>): it moves only when the test moves it.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The shards every silo started (one object: the silos share this process).</summary>
    public ShardStarts Shards { get; }

    // Without Orleans' test membership there is no primary silo: the silos in the order they started.
    public SiloHandle First => Cluster.Silos[0];
    public SiloHandle Second => Cluster.Silos[1];

    /// <summary>Starts the silos; <paramref name="postgres"/>: a database with Orleans' tables for membership and reminders.</summary>
    public static async Task<TestSilos> StartAsync(TimeSpan jobPeriod, short silos = 2, string? postgres = null)
    {
        var run = Guid.NewGuid().ToString("N");
        var job = new CountingJob("test-job-" + run[..8], jobPeriod);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 7, 2, 0, 0, TimeSpan.Zero));
        Jobs[run] = (job, clock);
        var starts = new ShardStarts();
        Starts[run] = starts;
        var builder = new TestClusterBuilder(silos);
        builder.Properties[RunKey] = run;
        TestMembership.Use(builder, postgres);
        builder.AddSiloBuilderConfigurator<Configurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await TestMembership.AllSeeAllAsync(cluster);
        return new TestSilos(cluster, run, job, clock, starts);
    }

    public static IServiceProvider Services(SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services;

    /// <summary>A node's view: its silo's write generation and a count cache of its own (each node has its own memory).</summary>
    public static Node NodeOn(SiloHandle silo) =>
        new(Services(silo).GetRequiredService<IGrainFactory>(), new CountCache(new MemoryCache(new MemoryCacheOptions()), Services(silo).GetRequiredService<IWriteGeneration>()),
            Services(silo).GetRequiredService<IWriteGeneration>());

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Shards.ReleaseAll();
        Jobs.TryRemove(_run, out _);
        Starts.TryRemove(_run, out _);
    }

    public sealed record Node(IGrainFactory Grains, CountCache Counts, IWriteGeneration Writes);

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var (job, clock) = Jobs[siloBuilder.Configuration[RunKey]!];
            TestMembership.Configure(siloBuilder);
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, clock);
            siloBuilder.Services.AddSingleton<PlacementStrategy, PreferLocalPlacement>();
            siloBuilder.Services.AddSingleton<IScheduledJob>(job);
            siloBuilder.Services.AddSingleton<IShardStartObserver>(Starts[siloBuilder.Configuration[RunKey]!]);
            siloBuilder.Services.AddTiduClusterServices();
        }
    }
}

/// <summary>A job that records each run: on which silo, and how many ran at once.</summary>
public sealed class CountingJob(string name, TimeSpan period) : IScheduledJob
{
    private int _running;
    private int _maxRunning;
    private int _runs;
    private readonly ConcurrentQueue<TaskCompletionSource> _waiters = new();

    public string Name { get; } = name;
    public TimeSpan Period { get; } = period;
    public int Runs => Volatile.Read(ref _runs);
    public int MaxConcurrentRuns => Volatile.Read(ref _maxRunning);

    /// <summary>Completes at the next run's end (a reminder tick the test awaits, not a pause).</summary>
    public Task NextRunAsync()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue(waiter);
        return waiter.Task;
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, now);
        // Yield so that an overlapping run, if the grain allowed one, would be inside this one.
        await Task.Yield();
        Interlocked.Decrement(ref _running);
        Interlocked.Increment(ref _runs);
        while (_waiters.TryDequeue(out var waiter))
        {
            waiter.TrySetResult();
        }
        return 1;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
