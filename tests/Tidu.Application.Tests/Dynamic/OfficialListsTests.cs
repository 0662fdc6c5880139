using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Application.Dynamic;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data;
using Xunit;

namespace Tidu.Application.Tests.Dynamic;

/// <summary>
/// Entering an official list of recognitions as a use case: a province officer only; every field checked before anything
/// is saved; each listed enterprise with a file gets the recognition with the list as its basis, entering it again adds
/// nothing, and codes without a file are named.
/// </summary>
public sealed class OfficialListsTests : IAsyncLifetime
{
    private static readonly string Known = Valid("91330102MA2H00001");
    private static readonly string Unknown = Valid("91330102MA2H00003");
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            Arrange.Enterprise(db, Known, "330102");
            await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A credit code with its check character (GB 32100-2015), so that only what the test means is wrong.</summary>
    private static string Valid(string first17) => first17 + Domain.CreditCode.CheckCharacter(first17);

    private static OfficialListEntry List(string? tier = "specialized-sme", string? document = "浙经信企业〔2026〕1号") =>
        new(tier, "浙江省经济和信息化厅", document, new DateOnly(2026, 8, 1), new DateOnly(2029, 7, 31), [Known, Unknown.ToLowerInvariant()]);

    private Task<Outcome<OfficialListEntered>> EnterAsync(Actor actor, OfficialListEntry entry) =>
        _host.AsAsync<OfficialLists, Outcome<OfficialListEntered>>(actor, lists => lists.EnterAsync(entry, CancellationToken.None));

    private Task<int> RecognitionsAsync() => _host.AsSystemAsync(sp => sp.GetRequiredService<TiduDbContext>().Recognitions.CountAsync());

    [Fact]
    public async Task Only_a_province_officer_enters_a_list()
    {
        (await EnterAsync(TestActors.City(), List())).Refusal!.Code.ShouldBe("forbidden.import-official-list");
        (await RecognitionsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_invalid_list_names_each_field_and_saves_nothing()
    {
        var refused = (await EnterAsync(TestActors.Province(), List(tier: "no-such-tier", document: " "))).Refusal!;
        refused.Code.ShouldBe("official-list.invalid");
        refused.Errors!.Keys.Order(StringComparer.Ordinal).ShouldBe(["documentNumber", "tier"]);
        (await RecognitionsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Listed_enterprises_with_a_file_are_recognised_once_and_the_others_named()
    {
        var first = (await EnterAsync(TestActors.Province(), List())).Value!;
        (first.Added, first.Unchanged, first.List.Listed).ShouldBe((1, 0, 2));
        first.Unknown.ShouldBe([Unknown]);
        var again = (await EnterAsync(TestActors.Province(), List())).Value!;
        (again.Added, again.Unchanged).ShouldBe((0, 1));
        (await RecognitionsAsync()).ShouldBe(1);
    }
}
