using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Application.Dynamic;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data;
using Tidu.Data.Entities;
using Xunit;

namespace Tidu.Application.Tests.Dynamic;

/// <summary>
/// The re-review notice job as a use case, without a host's timer: it runs as the system over the whole database, sends
/// a recognition's notice on its notice day (last valid day − the lead days, 90 in the test settings) and not the day
/// before, and never twice.
/// </summary>
public sealed class ReReviewNoticeIssuerTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            db.RecognitionBasis = "official-list:test";
            var e = Arrange.Enterprise(db, "91330102MA2H000011", "330102");
            // Notice day: 2026-12-06 − 90 days = 2026-09-07, the host's today.
            e.Recognitions.Add(new EnterpriseRecognition { Tier = "specialized-sme", RecognizedOn = new DateOnly(2023, 12, 7), ValidUntil = new DateOnly(2026, 12, 6), Issuer = "浙江省经济和信息化厅" });
            // Notice day tomorrow: not yet.
            var later = Arrange.Enterprise(db, "91330102MA2H000022", "330102", "后到期企业");
            later.Recognitions.Add(new EnterpriseRecognition { Tier = "specialized-sme", RecognizedOn = new DateOnly(2023, 12, 8), ValidUntil = new DateOnly(2026, 12, 7), Issuer = "浙江省经济和信息化厅" });
            await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<int> IssueAsync() => _host.AsSystemAsync(sp => sp.GetRequiredService<ReReviewNoticeIssuer>().IssueDueAsync(CancellationToken.None));

    private Task<List<string?>> KeysAsync() =>
        _host.AsSystemAsync(sp => sp.GetRequiredService<TiduDbContext>().Notifications.IgnoreQueryFilters().Where(n => n.Kind == "re-review-notice").Select(n => n.Key).ToListAsync());

    [Fact]
    public async Task A_recognition_gets_its_notice_on_its_notice_day_once()
    {
        (await IssueAsync()).ShouldBe(1);
        (await KeysAsync()).ShouldHaveSingleItem().ShouldNotBeNull().ShouldEndWith(":2026-12-06:enterprise");
        (await IssueAsync()).ShouldBe(0);
        (await KeysAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_next_day_the_later_recognition_gets_its_own()
    {
        (await IssueAsync()).ShouldBe(1);
        _host.Clock.Advance(TimeSpan.FromDays(1));
        (await IssueAsync()).ShouldBe(1);
        (await KeysAsync()).Count.ShouldBe(2);
    }
}
