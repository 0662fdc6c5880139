using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Entities;
using Tidu.Data.Scoping;
using Tidu.Web.Security;

namespace Tidu.Web.Auditing;

/// <summary>
/// Anchors the audit chain's head outside the database: at start and then every <see cref="AuditOptions.AnchorMinutes"/>,
/// when the head moved, one line is appended to the anchor file and written to the log. <c>tidu audit verify --anchors</c>
/// (and the administrators' check) then finds any rewrite of what was anchored, even one made with the key.
/// </summary>
public sealed class AuditAnchorService(IServiceScopeFactory scopes, AuditHashing hashing, IOptions<AuditOptions> options, IHostEnvironment host, TimeProvider clock,
    ILogger<AuditAnchorService> log) : BackgroundService
{
    private long _anchored = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await AnchorAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "audit anchor not written; trying again at the next interval");
            }
            await Task.Delay(TimeSpan.FromMinutes(options.Value.AnchorMinutes), clock, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends the current head when it moved since the last anchor of this process; the head anchored.</summary>
    public async Task<(long Sequence, string Hash)?> AnchorAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = RegionScope.Everything("system:audit-anchor");
        var db = scope.ServiceProvider.GetRequiredService<TiduDbContext>();
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, ct).ConfigureAwait(false);
        if (head is null || head.Sequence == 0 || head.Sequence == _anchored)
        {
            return null;
        }
        var path = AuditSetup.AnchorPath(options.Value, host.ContentRootPath);
        await AuditAnchors.AppendAsync(path, hashing.Current, clock.GetUtcNow(), head.Sequence, head.Hash, ct).ConfigureAwait(false);
        _anchored = head.Sequence;
        log.LogInformation("audit anchor: sequence {Sequence} hash {Hash} ({Algorithm})", head.Sequence, head.Hash, hashing.Current.Id);
        return (head.Sequence, head.Hash);
    }
}
