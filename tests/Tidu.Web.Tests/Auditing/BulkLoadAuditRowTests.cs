using Shouldly;
using Tidu.Application.Auditing;
using Tidu.Data.Entities;
using Xunit;

namespace Tidu.Web.Tests.Auditing;

/// <summary>The audit administrator reads a bulk-load batch entry as counts, source and hash — in Chinese, without the credit codes.</summary>
public sealed class BulkLoadAuditRowTests
{
    [Fact]
    public void A_batch_entry_reads_as_counts_source_and_hash_without_the_codes()
    {
        var entry = new AuditEntry
        {
            Id = 7,
            Sequence = 7,
            At = new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero),
            Actor = "cli:registry-load",
            Action = "bulk-load",
            Entity = "EnterpriseBatch",
            EntityKey = "zj.jsonl:0-4",
            After = """{"source":"zj.jsonl","rows":"line 1 – line 5","asOf":"2026-03-31","created":["91330100MA27XXXX1A","91330100MA27XXXX2B"],"updated":["91330100MA27XXXX3C"],"sha256":"ab12"}""",
        };
        var row = AuditSearch.Row(entry);
        row.Event.ShouldBe("档案批量载入");
        row.Details.ShouldBe("新增 2 家、更新 1 家；来源：zj.jsonl（line 1 – line 5）；内容 SHA-256：ab12");
        row.Details.ShouldNotContain("91330100");
    }
}
