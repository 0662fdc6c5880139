using Shouldly;
using Tidu.Application.Auditing;
using Tidu.Application.Tests.Infrastructure;
using Xunit;

namespace Tidu.Application.Tests.Auditing;

/// <summary>The audit chain's check as the audit page and GET /api/v1/audit/verify both give it: intact only when the chain and this node's anchor file are.</summary>
public sealed class AuditChainCheckTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            Arrange.Enterprise(db, "91330102MA00000001", "330102");
            await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<AuditVerification> VerifyAsync() =>
        _host.AsAsync<AuditChainCheck, AuditVerification>(TestActors.Administrator(Data.Identity.Roles.AuditAdministrator), c => c.VerifyAsync(default));

    [Fact]
    public async Task An_untouched_chain_is_intact_and_says_how_far_it_was_verified()
    {
        var report = await VerifyAsync();
        report.Intact.ShouldBeTrue();
        report.Verified.ShouldBeGreaterThan(0); // the regions and the enterprise were written through the audited context
        report.SentenceZh().ShouldStartWith($"审计链完整：已校验 {report.Verified} 条");
    }

    [Fact]
    public async Task A_faulty_anchor_file_makes_the_check_fail_though_the_chain_holds()
    {
        _host.AnchorProblems.Add("第 3 行：摘要无效");
        var report = await VerifyAsync();
        report.FirstBreak.ShouldBeNull();
        report.Intact.ShouldBeFalse();
        report.SentenceZh().ShouldBe("审计链锚点文件有误：第 3 行：摘要无效");
    }
}
