using Tidu.Data;
using Tidu.Data.Auditing;

namespace Tidu.Application.Auditing;

/// <summary>The anchors this node wrote outside the database, and what is wrong with its anchor file (the host knows where it lies).</summary>
public interface IAuditAnchorSource
{
    (IReadOnlyList<AuditAnchor> Anchors, IReadOnlyList<string> Problems) Read();
}

/// <summary>
/// The audit chain's check: intact or not (the chain and this node's anchors), how many entries were verified, the head,
/// and the first entry changed, removed or moved.
/// </summary>
public sealed record AuditVerification(bool Intact, int Anchors, IReadOnlyList<string> AnchorProblems, long Verified, long Unchained, long HeadSequence,
    string HeadHash, AuditChainBreak? FirstBreak)
{
    /// <summary>The check in one Chinese sentence, as the audit administrator reads it.</summary>
    public string SentenceZh() => FirstBreak is { } first ? $"审计链已被破坏：前 {Verified} 条完整，第一处异常：{first}"
        : AnchorProblems.Count > 0 ? $"审计链锚点文件有误：{string.Join("；", AnchorProblems)}"
        : $"审计链完整：已校验 {Verified} 条，链头序号 {HeadSequence}，链头摘要 {HeadHash}，与 {Anchors} 个库外锚点一致。";
}

/// <summary>Walks the audit hash chain against this node's anchors, for the audit page and GET /api/v1/audit/verify alike.</summary>
public sealed class AuditChainCheck(TiduDbContext db, AuditHashing hashing, IAuditAnchorSource anchors)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var (anchored, problems) = anchors.Read();
        var report = await AuditChainVerifier.VerifyAsync(db, hashing, anchored, ct).ConfigureAwait(false);
        return new AuditVerification(report.Intact && problems.Count == 0, report.Anchors, problems, report.Verified, report.Unchained,
            report.HeadSequence, report.HeadHash, report.FirstBreak);
    }
}
