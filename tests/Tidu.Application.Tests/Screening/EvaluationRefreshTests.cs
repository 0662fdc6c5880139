using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Application.Screening;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;
using Xunit;

namespace Tidu.Application.Tests.Screening;

/// <summary>
/// The daily re-evaluation as a use case, without a host's timer: nothing to do while the stored evaluations are of
/// today's China date; when the date moves on (at 16:00 UTC), every file is re-evaluated as of the new day, once.
/// </summary>
public sealed class EvaluationRefreshTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        // The two example files of the exchange format, written (and so evaluated) as the platform writes any file.
        await using var examples = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "examples", "two-enterprises.json"));
        var profiles = ProfileReader.Read(examples).Select(r => r.Profile!).ToList();
        profiles.Count.ShouldBe(2);
        await _host.AsSystemAsync(sp => sp.GetRequiredService<EnterpriseRegistry>().UpsertAsync(profiles));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<int> RefreshAsync() => _host.AsSystemAsync(sp => sp.GetRequiredService<EvaluationRefresh>().RefreshAsync(CancellationToken.None));

    // As text: Shouldly writes no DateOnly into its message.
    private Task<List<string?>> AsOfAsync() =>
        _host.AsSystemAsync(async sp => (await sp.GetRequiredService<TiduDbContext>().Enterprises.AsNoTracking().ToListAsync())
            .Select(e => e.Evaluation?.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList());

    [Fact]
    public async Task Evaluations_follow_the_China_date_and_a_second_run_the_same_day_does_nothing()
    {
        (await AsOfAsync()).ShouldBe(["2026-09-07", "2026-09-07"]);
        (await RefreshAsync()).ShouldBe(0);

        // 16:00 UTC is midnight in China: the China date moved on.
        _host.Clock.Advance(TimeSpan.FromHours(14));
        (await RefreshAsync()).ShouldBe(2);
        (await AsOfAsync()).ShouldBe(["2026-09-08", "2026-09-08"]);
        (await RefreshAsync()).ShouldBe(0);
    }
}
