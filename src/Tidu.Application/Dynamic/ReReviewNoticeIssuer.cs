using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Registry;

namespace Tidu.Application.Dynamic;

/// <summary>
/// The re-review notices due today (<see cref="ReReviewNotices"/>), issued as the system over the whole database. The
/// host schedules it (hourly: a notice day is a China date, and each notice is sent once by its unique key).
/// </summary>
public sealed class ReReviewNoticeIssuer(ISystemRunner system, TimeProvider clock, IOptions<DynamicManagementOptions> options)
{
    public const string Actor = "system:re-review-notices";

    /// <summary>How many recognitions got their notice in this run.</summary>
    public Task<int> IssueDueAsync(CancellationToken ct) =>
        system.RunAsync(Actor, services => ReReviewNotices.IssueAsync(services.GetRequiredService<TiduDbContext>(), ChinaCalendar.Today(clock), options.Value,
            clock.GetUtcNow(), ct), ct);
}
