using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Application.Workflow;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Xunit;

namespace Tidu.Application.Tests.Workflow;

/// <summary>
/// Verifying a declared value (核实) is a step of the lifecycle table: an officer, in a state before the province's
/// decision, with a reason, on the revision seen. Each refusal says why with a stable code and saves nothing. (The
/// re-evaluation on verified values is shown end to end by the web's verification tests.)
/// </summary>
public sealed class VerificationsTests : IAsyncLifetime
{
    private const string Field = "/financials/2025/rdExpense";
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await UseCaseHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<long> ApplicationInAsync(ApplicationState state)
    {
        long id = 0;
        await _host.ArrangeAsync(async db =>
        {
            var e = Arrange.Enterprise(db, "91330102MA2H000011", "330102");
            var a = Arrange.Application(db, Arrange.Round(db), e, state);
            await db.SaveChangesAsync();
            id = a.Id;
        });
        return id;
    }

    private Task<Outcome<VerificationState>> VerifyAsync(Actor actor, long id, string? reason = "据审计报告", int revision = 0) =>
        _host.AsAsync<Verifications, Outcome<VerificationState>>(actor, v => v.VerifyAsync(id, Field, JsonValue.Create(100m), reason, revision, CancellationToken.None));

    private Task<int> StepsAsync(long id) =>
        _host.AsSystemAsync(sp => sp.GetRequiredService<TiduDbContext>().ApplicationDecisions.CountAsync(d => d.ApplicationId == id));

    [Fact]
    public async Task Only_an_officer_verifies()
    {
        var id = await ApplicationInAsync(ApplicationState.Submitted);
        var refused = await VerifyAsync(TestActors.Enterprise("91330102MA2H000011"), id);
        refused.Refusal!.Code.ShouldBe("forbidden.verify-declared-values");
        refused.Refusal.Kind.ShouldBe(RefusalKind.Forbidden);
    }

    [Fact]
    public async Task An_application_outside_the_officers_region_is_not_found()
    {
        var id = await ApplicationInAsync(ApplicationState.Submitted);
        (await VerifyAsync(TestActors.County("330105"), id)).Refusal!.Code.ShouldBe("application.not-found");
    }

    [Theory]
    [InlineData(ApplicationState.ProvinceApproved)]
    [InlineData(ApplicationState.Publicity)]
    [InlineData(ApplicationState.Returned)]
    [InlineData(ApplicationState.Recognized)]
    public async Task After_the_province_decided_or_while_returned_no_value_is_verified(ApplicationState state)
    {
        var id = await ApplicationInAsync(state);
        var refused = await VerifyAsync(TestActors.County(), id);
        refused.Refusal!.Code.ShouldBe("application.state-not-allowed");
        (await StepsAsync(id)).ShouldBe(0);
    }

    [Theory]
    [InlineData(ApplicationState.Submitted)]
    [InlineData(ApplicationState.CityRecommended)]
    [InlineData(ApplicationState.ExpertReview)]
    [InlineData(ApplicationState.ExpertReviewed)]
    public async Task Before_the_province_decided_the_step_is_taken_up_to_the_declared_file(ApplicationState state)
    {
        // These applications were arranged without a declared file: the table lets the step through to its effect, which says so.
        var id = await ApplicationInAsync(state);
        var refused = await VerifyAsync(TestActors.County(), id);
        refused.Refusal!.Code.ShouldBe("verification.no-declaration");
        refused.Refusal.Kind.ShouldBe(RefusalKind.Conflict);
        (await StepsAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_verification_needs_a_reason_and_the_revision_seen()
    {
        var id = await ApplicationInAsync(ApplicationState.Submitted);
        (await VerifyAsync(TestActors.County(), id, reason: "  ")).Refusal!.Code.ShouldBe("application.reason-required");
        (await VerifyAsync(TestActors.County(), id, revision: 3)).Refusal!.Code.ShouldBe("application.stale-revision");
    }
}
