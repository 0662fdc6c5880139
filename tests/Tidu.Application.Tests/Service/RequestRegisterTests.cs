using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Application.Service;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Xunit;

namespace Tidu.Application.Tests.Service;

/// <summary>
/// Raising and listing requests (docs/procedure.md, "The request lifecycle"): only the enterprise raises, for its own file,
/// with a known category, a title of 1 to 200 characters and a description of 1 to 4000; the request goes to its county
/// (no commissioner) with a deadline five working days later (Service:RequestResponseWorkingDays). The requests page
/// and GET/POST /api/v1/requests are these use cases.
/// </summary>
public sealed class RequestRegisterTests : IAsyncLifetime
{
    private const string Code = "91330102MA00000001";
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            Arrange.Enterprise(db, Code, "330102");
            Arrange.Enterprise(db, "91330105MA00000002", "330105");
            await db.SaveChangesAsync();
        });
        _category = await _host.AsSystemAsync(sp => Task.FromResult(sp.GetRequiredService<RequestRegister>().Categories[0].Id));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private string _category = "";

    private string Category => _category;

    private Task<Outcome<EnterpriseRequest>> RaiseAsync(Actor actor, string? title, string? description, string? category = null) =>
        _host.AsAsync<RequestRegister, Outcome<EnterpriseRequest>>(actor, r => r.RaiseAsync(category ?? Category, title, description, default));

    [Fact]
    public async Task The_enterprise_raises_a_request_routed_to_its_county_due_five_working_days_later()
    {
        var raised = (await RaiseAsync(TestActors.Enterprise(Code), "  融资需求 ", "需要流动资金贷款")).Value!;
        raised.Status.ShouldBe(RequestStatus.Submitted);
        raised.Title.ShouldBe("融资需求");
        raised.Level.ShouldBe("county");
        raised.HandlingRegionCode.ShouldBe("330102");
        // Monday 2026-09-07 not counted: Tue 8, Wed 9, Thu 10, Fri 11, Mon 14 (no holiday that week).
        raised.DueOn.ShouldBe(new DateOnly(2026, 9, 14));
        raised.Entries.Single().Kind.ShouldBe("submit");
    }

    [Fact]
    public async Task A_title_of_200_characters_is_taken_and_one_of_201_refused_with_the_field_named()
    {
        (await RaiseAsync(TestActors.Enterprise(Code), new string('题', 200), "内容")).Succeeded.ShouldBeTrue();
        var refused = (await RaiseAsync(TestActors.Enterprise(Code), new string('题', 201), "内容")).Refusal!;
        refused.Kind.ShouldBe(RefusalKind.Validation);
        refused.Code.ShouldBe("request.invalid");
        refused.Errors!.Keys.ShouldBe(["title"]);
    }

    [Fact]
    public async Task A_description_of_4000_characters_is_taken_and_an_unknown_category_or_4001_refused()
    {
        (await RaiseAsync(TestActors.Enterprise(Code), "标题", new string('文', 4000))).Succeeded.ShouldBeTrue();
        var refused = (await RaiseAsync(TestActors.Enterprise(Code), "标题", new string('文', 4001), category: "no-such-category")).Refusal!;
        refused.Errors!.Keys.Order().ShouldBe(["category", "description"]);
    }

    [Fact]
    public async Task An_officer_does_not_raise_a_request_and_nothing_is_saved()
    {
        var refused = (await RaiseAsync(TestActors.County("330102"), "标题", "内容")).Refusal!;
        refused.Kind.ShouldBe(RefusalKind.Forbidden);
        refused.Code.ShouldBe("forbidden.raise-request");
        (await _host.AsSystemAsync(sp => sp.GetRequiredService<TiduDbContext>().EnterpriseRequests.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Each_reader_lists_the_requests_of_their_scope_newest_first()
    {
        await RaiseAsync(TestActors.Enterprise(Code), "第一", "内容");
        await RaiseAsync(TestActors.Enterprise(Code), "第二", "内容");
        await RaiseAsync(TestActors.Enterprise("91330105MA00000002"), "拱墅", "内容");
        var county = (await _host.AsAsync<RequestRegister, Outcome<RequestList>>(TestActors.County("330102"), r => r.ListAsync(null, default))).Value!;
        county.Today.ShouldBe(UseCaseHost.Today);
        county.Items.Select(r => r.Title).ShouldBe(["第二", "第一"]);
        var city = (await _host.AsAsync<RequestRegister, Outcome<RequestList>>(TestActors.City("330100"), r => r.ListAsync("submitted", default))).Value!;
        city.Items.Count.ShouldBe(3);
        var bad = (await _host.AsAsync<RequestRegister, Outcome<RequestList>>(TestActors.City("330100"), r => r.ListAsync("open", default))).Refusal!;
        bad.Code.ShouldBe("request.unknown-status");
    }
}
