using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Shouldly;
using Tidu.Cluster.Scheduling;
using Xunit;

namespace Tidu.Cluster.Tests;

/// <summary>
/// A scheduled job in a two-silo cluster: one reminder, one place it runs, never two runs at once. With membership and
/// reminders in memory and in PostgreSQL.
/// </summary>
public abstract class ScheduledJobTests
{
    /// <summary>Where the silos keep membership and reminders: null in memory, else a new PostgreSQL database's connection string.</summary>
    protected abstract Task<string?> MembershipAsync(CancellationToken ct);

    [Fact]
    public async Task Both_silos_register_the_job_but_the_cluster_holds_one_reminder()
    {
        await using var cluster = await TestSilos.StartAsync(TimeSpan.FromMinutes(60), postgres: await MembershipAsync(TestContext.Current.CancellationToken));
        var table = TestSilos.Services(cluster.Second).GetRequiredService<IReminderTable>();
        var grain = cluster.Cluster.Client.GetGrain<IScheduledJobGrain>(cluster.Job.Name);

        // Both silos ran their start-up registration; a third call (a node restarting) changes nothing either.
        await grain.ScheduleAsync(cluster.Job.Period);
        var rows = await table.ReadRows(grain.GetGrainId(), TestContext.Current.CancellationToken);

        rows.Reminders.Count.ShouldBe(1);
        rows.Reminders[0].ReminderName.ShouldBe(cluster.Job.Name);
        rows.Reminders[0].Period.ShouldBe(TimeSpan.FromMinutes(60));
        cluster.Job.Runs.ShouldBe(0, "the first tick is a period after registration");
    }

    [Fact]
    public async Task Runs_asked_from_both_silos_at_once_happen_one_at_a_time_in_one_place()
    {
        await using var cluster = await TestSilos.StartAsync(TimeSpan.FromMinutes(60), postgres: await MembershipAsync(TestContext.Current.CancellationToken));
        var fromFirst = TestSilos.NodeOn(cluster.First).Grains.GetGrain<IScheduledJobGrain>(cluster.Job.Name);
        var fromSecond = TestSilos.NodeOn(cluster.Second).Grains.GetGrain<IScheduledJobGrain>(cluster.Job.Name);

        var runs = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? fromFirst : fromSecond).RunAsync());
        var counts = await Task.WhenAll(runs);

        counts.Sum().ShouldBe(20);
        cluster.Job.Runs.ShouldBe(20);
        cluster.Job.MaxConcurrentRuns.ShouldBe(1);
    }

    [Fact]
    public async Task The_reminder_fires_the_job_and_a_turned_off_job_has_no_reminder()
    {
        var ct = TestContext.Current.CancellationToken;
        var period = TimeSpan.FromHours(1);
        await using var cluster = await TestSilos.StartAsync(period, postgres: await MembershipAsync(TestContext.Current.CancellationToken));
        var ran = cluster.Job.NextRunAsync();
        cluster.Job.Runs.ShouldBe(0, "the reminders' clock has not moved");

        // An hour on the reminders' clock: the tick is due. A silo that loads the reminder only then arms it a moment
        // later on the same clock, so the clock moves on by a millisecond whenever nothing came yet.
        cluster.Clock.Advance(period);
        for (var i = 0; i < 120 && !ran.IsCompleted; i++)
        {
            if (await Task.WhenAny(ran, Task.Delay(TimeSpan.FromSeconds(1), ct)) != ran)
            {
                cluster.Clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        }
        ran.IsCompleted.ShouldBeTrue("the reminder fired the job once its period had passed on the reminders' clock");
        cluster.Job.Runs.ShouldBe(1, "one period passed: one tick");
        cluster.Job.MaxConcurrentRuns.ShouldBe(1);

        var grain = cluster.Cluster.Client.GetGrain<IScheduledJobGrain>(cluster.Job.Name);
        await grain.UnscheduleAsync();
        var table = TestSilos.Services(cluster.First).GetRequiredService<IReminderTable>();
        (await table.ReadRows(grain.GetGrainId(), ct)).Reminders.ShouldBeEmpty();
    }
}

public sealed class InMemoryScheduledJobTests : ScheduledJobTests
{
    protected override Task<string?> MembershipAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}

[Collection(PostgresSilos.Name)]
public sealed class PostgresScheduledJobTests(PostgresServer postgres) : ScheduledJobTests
{
    protected override async Task<string?> MembershipAsync(CancellationToken ct) => await postgres.NewDatabaseAsync(ct);
}
