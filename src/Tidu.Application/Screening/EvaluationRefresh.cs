using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tidu.Data;
using Tidu.Data.Registry;

namespace Tidu.Application.Screening;

/// <summary>
/// Keeps stored evaluations dated today, as the system: a rule version can come into force or a recognition expire
/// overnight, and screening lists read the stored outcome. Re-evaluates every file only when some stored evaluation is
/// not of today's China date; a file that cannot be evaluated keeps its stored evaluation and is logged. The host
/// schedules it (hourly).
/// </summary>
public sealed partial class EvaluationRefresh(ISystemRunner system, TimeProvider clock, ILogger<EvaluationRefresh> log)
{
    public const string Actor = "system:daily-evaluation";

    /// <summary>How many files were re-evaluated (0 when all were current).</summary>
    public Task<int> RefreshAsync(CancellationToken ct) =>
        system.RunAsync(Actor, async services =>
        {
            var db = services.GetRequiredService<TiduDbContext>();
            var today = ChinaCalendar.Today(clock);
            if (!await db.Enterprises.AnyAsync(e => e.Evaluation == null || e.Evaluation.AsOf != today, ct).ConfigureAwait(false))
            {
                Current(log, today);
                return 0;
            }
            var failed = 0;
            var count = await services.GetRequiredService<EnterpriseRegistry>().ReevaluateAsync(today, f =>
            {
                failed++;
                FileFailed(log, f.Record, f.CreditCode, f.Reason);
            }, ct).ConfigureAwait(false);
            Refreshed(log, count, today, failed);
            return count;
        }, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "evaluations are current as of {Date}")]
    private static partial void Current(ILogger logger, DateOnly date);

    [LoggerMessage(Level = LogLevel.Error, Message = "re-evaluation of {Record} ({CreditCode}) failed: {Reason}; its stored evaluation is kept")]
    private static partial void FileFailed(ILogger logger, string record, string? creditCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "re-evaluated {Count} enterprises as of {Date}, {Failed} failed")]
    private static partial void Refreshed(ILogger logger, int count, DateOnly date, int failed);
}
