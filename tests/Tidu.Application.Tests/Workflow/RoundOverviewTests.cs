using Shouldly;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Xunit;

namespace Tidu.Application.Tests.Workflow;

/// <summary>
/// A round as its page shows it: progress counted within the reader's region, and for an enterprise its own application
/// (docs/procedure.md: one application per enterprise and round). An unknown round is not found, with the round's code.
/// </summary>
public sealed class RoundOverviewTests : IAsyncLifetime
{
    private const string Own = "91330102MA00000001";
    private UseCaseHost _host = null!;
    private long _round;
    private long _application;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            var round = Arrange.Round(db);
            var a = Arrange.Application(db, round, Arrange.Enterprise(db, Own, "330102"), ApplicationState.Submitted);
            Arrange.Application(db, round, Arrange.Enterprise(db, "91330102MA00000002", "330102"), ApplicationState.CountyApproved);
            Arrange.Application(db, round, Arrange.Enterprise(db, "91330105MA00000003", "330105"), ApplicationState.Submitted);
            await db.SaveChangesAsync();
            (_round, _application) = (round.Id, a.Id);
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<Outcome<RoundOverview>> OverviewAsync(Actor actor, long id) =>
        _host.AsAsync<RoundService, Outcome<RoundOverview>>(actor, r => r.OverviewAsync(id, default));

    [Fact]
    public async Task A_county_officer_counts_their_countys_applications_only()
    {
        var o = (await OverviewAsync(TestActors.County("330102"), _round)).Value!;
        o.Progress.ShouldBe(new Dictionary<ApplicationState, int> { [ApplicationState.Submitted] = 1, [ApplicationState.CountyApproved] = 1 }, ignoreOrder: true);
        o.Own.ShouldBeNull();
        o.Today.ShouldBe(UseCaseHost.Today);
    }

    [Fact]
    public async Task The_city_counts_both_counties_and_the_enterprise_finds_its_own_application()
    {
        (await OverviewAsync(TestActors.City("330100"), _round)).Value!.Progress[ApplicationState.Submitted].ShouldBe(2);
        var mine = (await OverviewAsync(TestActors.Enterprise(Own), _round)).Value!;
        mine.Own!.Id.ShouldBe(_application);
        mine.Progress.ShouldBe(new Dictionary<ApplicationState, int> { [ApplicationState.Submitted] = 1 }, ignoreOrder: true);
    }

    [Fact]
    public async Task An_unknown_round_is_not_found()
    {
        (await OverviewAsync(TestActors.City(), _round + 1)).Refusal!.Code.ShouldBe("round.not-found");
    }

    [Fact]
    public void A_round_is_open_from_its_first_day_to_its_last_and_on_neither_side()
    {
        var round = new Round { Title = "t", Tier = "t", RegionCode = "330000", RuleSetVersion = "v", OpenedBy = "o", OpensOn = new(2026, 9, 1), ClosesOn = new(2026, 9, 30) };
        RoundService.IsOpen(round, new(2026, 8, 31)).ShouldBeFalse();
        RoundService.IsOpen(round, new(2026, 9, 1)).ShouldBeTrue();
        RoundService.IsOpen(round, new(2026, 9, 30)).ShouldBeTrue();
        RoundService.IsOpen(round, new(2026, 10, 1)).ShouldBeFalse();
    }
}
