using Shouldly;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Xunit;

namespace Tidu.Application.Tests.Workflow;

/// <summary>
/// The review queue (docs/procedure.md, "One application, one tier, one round"): an application waits for the county in
/// Submitted, for the city in CountyApproved, for the province from CityRecommended to Publicity; each officer sees
/// only what their region holds, and the queue page and GET /api/v1/applications?queue=true are this one query.
/// </summary>
public sealed class ApplicationQueriesTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    // One application per state, in two counties of Hangzhou (上城区 330102, 拱墅区 330105) and one of Wenzhou (330302).
    private readonly Dictionary<(string County, ApplicationState State), long> _ids = [];

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            var round = Arrange.Round(db);
            var made = new List<(string, ApplicationState, Data.Entities.Workflow.Application)>();
            var n = 0;
            foreach (var county in new[] { "330102", "330105", "330302" })
            {
                foreach (var state in Enum.GetValues<ApplicationState>())
                {
                    var e = Arrange.Enterprise(db, $"91{county}MA{n++:D8}", county);
                    made.Add((county, state, Arrange.Application(db, round, e, state)));
                }
            }
            await db.SaveChangesAsync();
            foreach (var (county, state, a) in made)
            {
                _ids[(county, state)] = a.Id;
            }
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<ApplicationList> ListAsync(Actor actor, ApplicationFilter filter) =>
        _host.AsAsync<ApplicationQueries, ApplicationList>(actor, async q => (await q.ListAsync(filter, default)).Value!);

    [Fact]
    public async Task A_county_officers_queue_holds_the_submitted_applications_of_their_county_only()
    {
        var list = await ListAsync(TestActors.County("330102"), new ApplicationFilter(Queue: true));
        list.Level.ShouldBe("county");
        list.Queue.ShouldBeTrue();
        list.Items.Select(a => a.Id).ShouldBe([_ids[("330102", ApplicationState.Submitted)]]);
    }

    [Fact]
    public async Task A_city_officers_queue_holds_the_county_approved_applications_of_every_county_of_the_city()
    {
        var list = await ListAsync(TestActors.City("330100"), new ApplicationFilter(Queue: true));
        list.Items.Select(a => a.Id).Order().ShouldBe(new[] { _ids[("330102", ApplicationState.CountyApproved)], _ids[("330105", ApplicationState.CountyApproved)] }.Order());
    }

    [Fact]
    public async Task A_province_officers_queue_holds_the_steps_after_the_citys_recommendation()
    {
        var list = await ListAsync(TestActors.Province(), new ApplicationFilter(Queue: true));
        // Province steps start from CityRecommended, ExpertReview, ExpertReviewed, ProvinceApproved and Publicity (the table above).
        var expected = new[] { ApplicationState.CityRecommended, ApplicationState.ExpertReview, ApplicationState.ExpertReviewed, ApplicationState.ProvinceApproved, ApplicationState.Publicity }
            .SelectMany(s => new[] { _ids[("330102", s)], _ids[("330105", s)], _ids[("330302", s)] });
        list.Items.Select(a => a.Id).Order().ShouldBe(expected.Order());
    }

    [Fact]
    public async Task Without_the_queue_an_officer_lists_every_state_of_their_region()
    {
        var list = await ListAsync(TestActors.County("330105"), new ApplicationFilter());
        list.Queue.ShouldBeFalse();
        list.Level.ShouldBe("county");
        list.Items.Count.ShouldBe(Enum.GetValues<ApplicationState>().Length);
        list.Items.ShouldAllBe(a => a.Enterprise.RegionCode == "330105");
    }

    [Fact]
    public async Task An_enterprise_asking_for_a_queue_has_no_level_and_gets_its_own_applications()
    {
        var own = $"91330102MA{1:D8}"; // the second enterprise of 上城区: its application is Returned
        var list = await ListAsync(TestActors.Enterprise(own), new ApplicationFilter(Queue: true));
        list.Level.ShouldBeNull();
        list.Queue.ShouldBeFalse();
        list.Items.Select(a => a.Id).ShouldBe([_ids[("330102", ApplicationState.Returned)]]);
    }

    [Fact]
    public async Task A_state_filter_narrows_and_an_unknown_state_is_refused_with_its_code()
    {
        var returned = await ListAsync(TestActors.City(), new ApplicationFilter(State: "returned"));
        returned.Items.Select(a => a.Id).Order().ShouldBe(new[] { _ids[("330102", ApplicationState.Returned)], _ids[("330105", ApplicationState.Returned)] }.Order());

        var refused = await _host.AsAsync<ApplicationQueries, Refusal?>(TestActors.City(), async q => (await q.ListAsync(new ApplicationFilter(State: "approved"), default)).Refusal);
        refused.ShouldNotBeNull();
        refused.Code.ShouldBe("application.unknown-state");
        refused.Kind.ShouldBe(RefusalKind.Invalid);
    }

    [Fact]
    public async Task Another_regions_application_and_its_materials_are_not_found()
    {
        var wenzhou = _ids[("330302", ApplicationState.Submitted)];
        var outcome = await _host.AsAsync<ApplicationQueries, Refusal?>(TestActors.City("330100"), async q => (await q.MaterialsAsync(wenzhou, default)).Refusal);
        outcome!.Code.ShouldBe("application.not-found");
        var own = await _host.AsAsync<ApplicationQueries, ApplicationMaterials?>(TestActors.City("330300"), async q => (await q.MaterialsAsync(wenzhou, default)).Value);
        own!.Application.Id.ShouldBe(wenzhou);
        own.Materials.ShouldBeEmpty();
    }
}
