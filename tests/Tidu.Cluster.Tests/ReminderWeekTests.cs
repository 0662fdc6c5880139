using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Reminders;
using Orleans.Reminders.Diagnostics;
using Orleans.TestingHost;
using Shouldly;
using Tidu.Cluster.Hosting;
using Tidu.Cluster.Scheduling;
using Xunit;

namespace Tidu.Cluster.Tests;

/// <summary>
/// A simulated week on three silos: the platform's scheduled jobs (escalation every 15 minutes, re-review notices and
/// the evaluation refresh hourly), registered by every silo at its start, each fire exactly once per period — not once
/// per silo, none skipped — and never two runs of a job at once. Orleans' reminder service reads its clock from the
/// keyed <see cref="TimeProvider"/> <see cref="ReminderTimeProviderNames.Reminders"/>: here a fake one that the test
/// moves forward, so a week passes without waiting for it. Membership and messaging stay on real time. On the
/// single-machine setup (membership and reminders in memory) and on the multi-node one (Orleans' ADO.NET membership and
/// reminder tables in PostgreSQL, which every silo registers into and loads its reminders from).
/// </summary>
public abstract class ReminderWeekTests
{
    private const string RunKey = "TiduTest:WeekRun";
    private static readonly ConcurrentDictionary<string, (FakeTimeProvider Clock, CountingJob[] Jobs)> Runs = new(StringComparer.Ordinal);

    /// <summary>Less than the shortest period: the test never moves the clock past a tick the silo has not yet delivered.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Every_job_fires_once_per_period_over_a_simulated_week_on_three_silos()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 6, 16, 0, 0, TimeSpan.Zero));
        CountingJob[] jobs =
        [
            new($"request-escalation-{run}", TimeSpan.FromMinutes(15)),
            new($"re-review-notices-{run}", TimeSpan.FromHours(1)),
            new($"evaluation-refresh-{run}", TimeSpan.FromHours(1)),
        ];
        Runs[run] = (clock, jobs);
        using var ticks = new TickCounter(jobs.Select(j => j.Name));
        var builder = new TestClusterBuilder(3);
        builder.Properties[RunKey] = run;
        TestMembership.Use(builder, await MembershipAsync(ct));
        builder.AddSiloBuilderConfigurator<Configurator>();
        await using var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync(ct);
            await TestMembership.AllSeeAllAsync(cluster, ct);
            var start = clock.GetUtcNow();
            // Every silo registered every job at its start; each silo loads the reminders it owns from the table on its
            // refresh timer, which runs on the fake clock too.
            var now = TimeSpan.Zero;
            while (now < TimeSpan.FromDays(7))
            {
                // To the next multiple of the step (the first move ends the minutes of loading).
                var move = Step - TimeSpan.FromTicks(now.Ticks % Step.Ticks);
                clock.Advance(move);
                now += move;
                foreach (var job in jobs)
                {
                    var due = (int)(now.Ticks / job.Period.Ticks);
                    await DeliveredAsync(clock, ticks, job.Name, due, ct);
                    job.Runs.ShouldBe(due, $"{job.Name} at {start + now:u}");
                }
            }

            jobs[0].Runs.ShouldBe(7 * 24 * 4);
            jobs[1].Runs.ShouldBe(7 * 24);
            jobs[2].Runs.ShouldBe(7 * 24);
            jobs.ShouldAllBe(j => j.MaxConcurrentRuns == 1);
            ticks.FiringSilos.Count.ShouldBeGreaterThan(0);
            await WeekDoneAsync([.. jobs.Select(j => j.Name)], ct);
        }
        finally
        {
            await cluster.StopAllSilosAsync(ct);
            Runs.TryRemove(run, out _);
        }
    }

    /// <summary>Where the silos keep membership and reminders: null in memory, else a new PostgreSQL database's connection string.</summary>
    protected abstract Task<string?> MembershipAsync(CancellationToken ct);

    /// <summary>What the setup shows after the week (the multi-node one: one row per job in the reminder table).</summary>
    protected virtual Task WeekDoneAsync(IReadOnlyList<string> jobs, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Awaits the reminder service's own signal that the job's tick number <paramref name="due"/> was delivered, however
    /// long the machine takes. A reminder a silo loads only after its tick was due is set to fire a millisecond later on
    /// the fake clock: when nothing comes, the clock moves by a millisecond (far from any other tick) and the wait goes on.
    /// </summary>
    private static async Task DeliveredAsync(FakeTimeProvider clock, TickCounter ticks, string name, int due, CancellationToken ct)
    {
        var delivered = ticks.CompletedAsync(name, due);
        for (var i = 0; i < 60 && !delivered.IsCompleted; i++)
        {
            if (await Task.WhenAny(delivered, Task.Delay(TimeSpan.FromSeconds(2), ct)) != delivered)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        }
        delivered.IsCompleted.ShouldBeTrue($"tick {due} of {name} was delivered: " + string.Join("; ", ticks.Seen.TakeLast(10)));
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var (clock, jobs) = Runs[siloBuilder.Configuration[RunKey]!];
            TestMembership.Configure(siloBuilder);
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, clock);
            foreach (var job in jobs)
            {
                siloBuilder.Services.AddSingleton<IScheduledJob>(job);
            }
            siloBuilder.Services.AddTiduClusterServices();
        }
    }

    /// <summary>Counts the reminder service's events for the test's own reminders (other tests' clusters share the listener).</summary>
    private sealed class TickCounter : IObserver<ReminderEvents.ReminderEvent>, IDisposable
    {
        private readonly HashSet<string> _names;
        private readonly ConcurrentDictionary<string, int> _completed = new(StringComparer.Ordinal);

        // Whether the reminder has armed its next wait since its last tick: until it has, moving the clock past its next
        // tick would make the service skip that tick (it anchors ticks to the schedule and drops missed ones).
        private readonly ConcurrentDictionary<string, bool> _armedSinceTick = new(StringComparer.Ordinal);
        private readonly IDisposable _subscription;
        private readonly object _gate = new();
        private readonly List<(string Name, int Count, TaskCompletionSource Done)> _waiters = [];

        public TickCounter(IEnumerable<string> names)
        {
            _names = new HashSet<string>(names, StringComparer.Ordinal);
            _subscription = ReminderEvents.AllEvents.Subscribe(this);
        }

        public ConcurrentQueue<string> Seen { get; } = new();

        public ConcurrentDictionary<string, byte> FiringSilos { get; } = new(StringComparer.Ordinal);

        public Task CompletedAsync(string name, int count)
        {
            lock (_gate)
            {
                if (Ready(name, count))
                {
                    return Task.CompletedTask;
                }
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((name, count, done));
                return done.Task;
            }
        }

        public void OnNext(ReminderEvents.ReminderEvent value)
        {
            if (!_names.Contains(value.ReminderName))
            {
                return;
            }
            Seen.Enqueue($"{value.GetType().Name} {value.ReminderName} {value.SiloAddress}");
            lock (_gate)
            {
                switch (value)
                {
                    case ReminderEvents.TickCompleted:
                        FiringSilos.TryAdd(value.SiloAddress?.ToString() ?? "", 0);
                        _completed.AddOrUpdate(value.ReminderName, 1, (_, n) => n + 1);
                        _armedSinceTick[value.ReminderName] = false;
                        break;
                    case ReminderEvents.LocalReminderTickWaitArmed:
                        _armedSinceTick[value.ReminderName] = true;
                        break;
                    default:
                        return;
                }
                foreach (var waiter in _waiters.Where(w => w.Name == value.ReminderName && Ready(w.Name, w.Count)).ToList())
                {
                    waiter.Done.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }

        /// <summary>Tick <paramref name="count"/> was delivered and the reminder waits for its next one.</summary>
        private bool Ready(string name, int count) =>
            _completed.GetValueOrDefault(name) >= count && _armedSinceTick.GetValueOrDefault(name, true);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }

        public void Dispose() => _subscription.Dispose();
    }
}

public sealed class InMemoryReminderWeekTests : ReminderWeekTests
{
    protected override Task<string?> MembershipAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}

[Collection(PostgresSilos.Name)]
public sealed class PostgresReminderWeekTests(PostgresServer postgres) : ReminderWeekTests
{
    private string? _database;

    protected override async Task<string?> MembershipAsync(CancellationToken ct) => _database = await postgres.NewDatabaseAsync(ct);

    protected override async Task WeekDoneAsync(IReadOnlyList<string> jobs, CancellationToken ct)
    {
        var names = string.Join(", ", jobs.Select(j => $"'{j}'"));
        (await PostgresServer.CountAsync(_database!, $"SELECT count(*) FROM orleansreminderstable WHERE remindername IN ({names})", ct))
            .ShouldBe(jobs.Count, "one reminder row per job, though every silo registered every job");
    }
}
