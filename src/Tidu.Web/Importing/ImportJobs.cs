using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities.Importing;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Web.Security;

namespace Tidu.Web.Importing;

/// <summary>
/// Runs uploads off the request thread so a 100k-row file never times out a request: check, show the report, then
/// save the valid rows in one transaction when the owner confirms. Jobs, uploads and reports live in the database,
/// not in memory: any node takes a queued job (a lease says who works on it; a lease that ran out is taken over, so a
/// job survives a restart), and any node shows its report. Kept for the configured retention, then removed.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> log, TimeProvider clock, IOptions<ImportOptions> options,
    IEnumerable<IImportStepObserver> observers) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);
    private readonly string _node = NodeName();

    // Live progress of the jobs this node runs (the database holds it at every step; this is the in-between).
    private readonly ConcurrentDictionary<Guid, (int Done, int Total)> _progress = new();

    private ImportOptions Limits => options.Value;

    private long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Stores the upload as a queued job of <paramref name="scope"/>'s actor and wakes a worker; the job's id.</summary>
    public async Task<Guid> EnqueueAsync(RegionScope scope, string fileName, ProfileImporter.Format format, byte[] content, CancellationToken ct)
    {
        var id = await CreateAsync(scope, fileName, format, content, ImportJobState.Queued, ct).ConfigureAwait(false);
        _wake.Release();
        return id;
    }

    /// <summary>Checks (and with <paramref name="commit"/> saves) an upload in the caller's flow — the API's import; the job is kept like any other.</summary>
    public async Task<ImportJobView> RunHereAsync(RegionScope scope, string fileName, ProfileImporter.Format format, byte[] content, bool commit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var id = await CreateAsync(scope, fileName, format, content, ImportJobState.Validating, ct).ConfigureAwait(false);
        await RunAsync(id, commit, ct).ConfigureAwait(false);
        return (await FindAsync(id, scope.Actor, 1, ct).ConfigureAwait(false))!;
    }

    /// <summary>The job with one page of its report, only for its owner; null for anyone else.</summary>
    public async Task<ImportJobView?> FindAsync(Guid id, string owner, int page, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = SystemContext(scope);
        var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.Owner == owner, ct).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }
        var kept = await db.ImportJobIssues.CountAsync(i => i.JobId == id, ct).ConfigureAwait(false);
        var perPage = Limits.IssuesPerPage;
        var pages = Math.Max(1, (kept + perPage - 1) / perPage);
        var current = Math.Clamp(page, 1, pages);
        var issues = await db.ImportJobIssues.AsNoTracking().Where(i => i.JobId == id).OrderBy(i => i.Ordinal)
            .Skip((current - 1) * perPage).Take(perPage)
            .Select(i => new ImportIssue(i.Row, i.Column, i.ReasonZh, i.ReasonEn)).ToListAsync(ct).ConfigureAwait(false);
        var (done, total) = _progress.TryGetValue(id, out var live) ? live : (job.Done, job.Total);
        return new ImportJobView(job.Id, job.FileName, Enum.Parse<ImportJobState>(job.State), done, total, job.Rows, job.ValidProfiles, job.BadRows,
            job.IssueCount, kept, current, pages, issues, job.Created, job.Updated, job.Unchanged, job.Failure);
    }

    /// <summary>Queues the saving of a checked job for its owner; false when it is not (or no longer) waiting for that.</summary>
    public async Task<bool> RequestCommitAsync(Guid id, string owner, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = SystemContext(scope);
        var validated = nameof(ImportJobState.Validated);
        var queued = nameof(ImportJobState.CommitQueued);
        var taken = await db.ImportJobs.Where(j => j.Id == id && j.Owner == owner && j.State == validated && j.ValidProfiles > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, queued), ct).ConfigureAwait(false);
        if (taken == 1)
        {
            _wake.Release();
        }
        return taken == 1;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RemoveExpiredAsync(stoppingToken).ConfigureAwait(false);
                await RunPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "import worker pass failed; it tries again");
            }
            // Woken by an upload on this node, or after the poll interval: another node may have queued one.
            await _wake.WaitAsync(TimeSpan.FromSeconds(Limits.PollSeconds), stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes and runs every job waiting for a step — queued here or on another node, or left by a node whose lease ran
    /// out — until none is left; how many it ran.
    /// </summary>
    public async Task<int> RunPendingAsync(CancellationToken ct)
    {
        var ran = 0;
        while (await ClaimAsync(ct).ConfigureAwait(false) is { } claimed)
        {
            await RunAsync(claimed, commit: false, ct).ConfigureAwait(false);
            ran++;
        }
        return ran;
    }

    private async Task<Guid> CreateAsync(RegionScope scope, string fileName, ProfileImporter.Format format, byte[] content, ImportJobState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(content);
        using var services = scopes.CreateScope();
        var db = SystemContext(services);
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        db.ImportJobs.Add(new ImportJobRecord
        {
            Id = id,
            Owner = scope.Actor,
            ScopeAll = scope.All,
            ScopeRegionCode = scope.RegionCode,
            FileName = fileName.Length > 255 ? fileName[..255] : fileName,
            Format = format.ToString().ToLowerInvariant(),
            State = state.ToString(),
            CreatedAt = now,
            CreatedMs = now.ToUnixTimeMilliseconds(),
            // A job run here is this node's from the start; a queued one waits for a worker.
            LeaseOwner = state == ImportJobState.Queued ? null : _node,
            LeaseExpires = state == ImportJobState.Queued ? 0 : NowMs + (Limits.LeaseSeconds * 1000L),
        });
        db.ImportJobContents.Add(new ImportJobContent { JobId = id, Content = content });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return id;
    }

    /// <summary>Takes the oldest job waiting for a step (or one whose node's lease ran out); null when none.</summary>
    private async Task<Guid?> ClaimAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = SystemContext(scope);
        string queued = nameof(ImportJobState.Queued), validating = nameof(ImportJobState.Validating),
            commitQueued = nameof(ImportJobState.CommitQueued), committing = nameof(ImportJobState.Committing);
        var now = NowMs;
        var candidates = await db.ImportJobs.AsNoTracking()
            .Where(j => j.State == queued || j.State == commitQueued || ((j.State == validating || j.State == committing) && j.LeaseExpires < now))
            .OrderBy(j => j.CreatedMs).Select(j => new { j.Id, j.State, j.LeaseExpires }).Take(5).ToListAsync(ct).ConfigureAwait(false);
        foreach (var c in candidates)
        {
            var next = c.State == queued || c.State == validating ? validating : committing;
            var until = now + (Limits.LeaseSeconds * 1000L);
            var taken = await db.ImportJobs.Where(j => j.Id == c.Id && j.State == c.State && j.LeaseExpires == c.LeaseExpires)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, next).SetProperty(j => j.LeaseOwner, _node).SetProperty(j => j.LeaseExpires, until), ct).ConfigureAwait(false);
            if (taken == 1)
            {
                if (c.State is not null && c.State != queued && c.State != commitQueued)
                {
                    log.LogWarning("import {Job}: took over from a node whose lease ran out ({State})", c.Id, c.State);
                }
                return c.Id;
            }
        }
        return null;
    }

    /// <summary>Checks the job (when it is at that step) and saves it (when asked, or when it is at that step), acting in its owner's scope.</summary>
    private async Task RunAsync(Guid id, bool commit, CancellationToken ct)
    {
        using var services = scopes.CreateScope();
        var db = SystemContext(services);
        var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, ct).ConfigureAwait(false);
        var content = await db.ImportJobContents.AsNoTracking().Where(c => c.JobId == id).Select(c => c.Content).SingleAsync(ct).ConfigureAwait(false);
        using var work = scopes.CreateScope();
        work.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = job.ScopeAll
            ? RegionScope.Everything(job.Owner)
            : job.ScopeRegionCode is { } region ? RegionScope.Region(job.Owner, region) : RegionScope.Nothing(job.Owner);
        var format = Enum.Parse<ProfileImporter.Format>(job.Format, ignoreCase: true);
        using var renewal = new CancellationTokenSource();
        var renewing = RenewLeaseAsync(id, renewal.Token);
        try
        {
            var importer = work.ServiceProvider.GetRequiredService<ProfileImporter>();
            var progress = new SyncProgress(n => _progress[id] = (n, 0));
            var batch = await importer.ReadAsync(content, format, progress, ct).ConfigureAwait(false);
            if (job.State == nameof(ImportJobState.Validating))
            {
                await SaveReportAsync(id, batch, commit ? ImportJobState.Committing : ImportJobState.Validated, null, ct).ConfigureAwait(false);
                if (!commit)
                {
                    return;
                }
            }
            foreach (var observer in observers)
            {
                await observer.SavingAsync(id, ct).ConfigureAwait(false);
            }
            // Saving checks the file again as it is now (the stored files may have changed since the report was shown).
            var registry = work.ServiceProvider.GetRequiredService<EnterpriseRegistry>();
            var profiles = batch.Profiles.Select(p => p.Profile).ToList();
            _progress[id] = (0, profiles.Count);
            var result = await registry.UpsertAsync(profiles, new SyncProgress(n => _progress[id] = (n, profiles.Count)), ct).ConfigureAwait(false);
            foreach (var refused in result.Refused)
            {
                var (column, zh, en) = ImportMessages.Of(refused);
                foreach (var row in batch.Profiles[refused.Index].Rows)
                {
                    batch.Log.Add(new ImportIssue(row, column, zh, en));
                }
                if (refused.Reason is UpsertRefusalReason.HeldElsewhere or UpsertRefusalReason.Rejected)
                {
                    // A code held in another region is an attempt to learn or take another region's file: on record.
                    log.LogWarning("import {Job} by {Owner}: {Reason} for {CreditCode}", id, job.Owner, refused.Reason, refused.CreditCode);
                }
            }
            await SaveReportAsync(id, batch, ImportJobState.Committed, result, ct).ConfigureAwait(false);
            log.LogInformation("import {Job} by {Owner}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Refused} refused",
                id, job.Owner, result.Created, result.Updated, result.Unchanged, result.Refused.Count);
            foreach (var f in result.EvaluationFailures)
            {
                log.LogError("import {Job}: {CreditCode} saved, but its evaluation failed: {Reason}", id, f.CreditCode, f.Reason);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "import {Job} failed", id);
            await FailAsync(id, ct).ConfigureAwait(false);
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            _progress.TryRemove(id, out _);
        }
    }

    /// <summary>Writes the report (replacing an earlier one) and the job's new state, in one save.</summary>
    private async Task SaveReportAsync(Guid id, ImportBatch batch, ImportJobState state, UpsertResult? result, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = SystemContext(scope);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await db.ImportJobIssues.Where(i => i.JobId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            var ordinal = 0;
            foreach (var issue in batch.Issues)
            {
                db.ImportJobIssues.Add(new ImportJobIssue { JobId = id, Ordinal = ordinal++, Row = issue.Row, Column = issue.Column, ReasonZh = issue.ReasonZh, ReasonEn = issue.ReasonEn });
            }
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            var name = state.ToString();
            await db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, name)
                .SetProperty(j => j.Rows, batch.Rows)
                .SetProperty(j => j.ValidProfiles, batch.Profiles.Count)
                .SetProperty(j => j.BadRows, batch.BadRows)
                .SetProperty(j => j.IssueCount, batch.Log.Count)
                .SetProperty(j => j.Done, result == null ? batch.Rows : batch.Profiles.Count)
                .SetProperty(j => j.Total, result == null ? batch.Rows : batch.Profiles.Count)
                .SetProperty(j => j.Created, result == null ? null : result.Created)
                .SetProperty(j => j.Updated, result == null ? null : result.Updated)
                .SetProperty(j => j.Unchanged, result == null ? null : result.Unchanged), ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task FailAsync(Guid id, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = SystemContext(scope);
        const string failure = "导入失败，数据未保存（所有更改已回滚）。请稍后重试或联系管理员。";
        var failed = nameof(ImportJobState.Failed);
        await db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, failed).SetProperty(j => j.Failure, failure), ct).ConfigureAwait(false);
    }

    /// <summary>Keeps this node's lease while it works (on SQLite the write waits for the import's own transaction, and may give up: one node only).</summary>
    private async Task RenewLeaseAsync(Guid id, CancellationToken stop)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, Limits.LeaseSeconds / 3));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, stop).ConfigureAwait(false);
                using var scope = scopes.CreateScope();
                var db = SystemContext(scope);
                var until = NowMs + (Limits.LeaseSeconds * 1000L);
                await db.ImportJobs.Where(j => j.Id == id && j.LeaseOwner == _node).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpires, until), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                log.LogDebug(ex, "import {Job}: lease not renewed this time", id);
            }
        }
    }

    private async Task RemoveExpiredAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = SystemContext(scope);
        var before = NowMs - (Limits.RetentionHours * 3_600_000L);
        var old = await db.ImportJobs.Where(j => j.CreatedMs < before).OrderBy(j => j.CreatedMs).Select(j => j.Id).Take(100).ToListAsync(ct).ConfigureAwait(false);
        if (old.Count > 0)
        {
            await db.ImportJobIssues.Where(i => old.Contains(i.JobId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            await db.ImportJobContents.Where(c => old.Contains(c.JobId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            await db.ImportJobs.Where(j => old.Contains(j.Id)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>A context of the system's scope: the jobs are looked up by owner explicitly, and a job's work runs in its owner's scope.</summary>
    private static TiduDbContext SystemContext(IServiceScope scope)
    {
        scope.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = RegionScope.Everything("system:imports");
        return scope.ServiceProvider.GetRequiredService<TiduDbContext>();
    }

    private static string NodeName()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return name.Length <= 100 ? name : name[^100..];
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>Progress that updates at once (Progress&lt;T&gt; posts to the thread pool, so the last report could arrive late).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
