using System.Collections.Concurrent;
using System.Threading.Channels;
using Tidu.Data.Registry;
using Tidu.Web.Security;

namespace Tidu.Web.Importing;

/// <summary>
/// Runs uploads off the request thread so a 100k-row file never times out a request: validate, show the report,
/// then commit the valid rows in one transaction when the user confirms. Jobs live in memory for a few hours.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> log, TimeProvider clock) : BackgroundService
{
    private readonly Channel<ImportJob> _queue = Channel.CreateUnbounded<ImportJob>();
    private readonly ConcurrentDictionary<Guid, (ImportJob Job, DateTimeOffset Created)> _jobs = new();

    public ImportJob Enqueue(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        foreach (var old in _jobs.Where(j => clock.GetUtcNow() - j.Value.Created > TimeSpan.FromHours(6)).ToList())
        {
            _jobs.TryRemove(old.Key, out _);
        }
        _jobs[job.Id] = (job, clock.GetUtcNow());
        _queue.Writer.TryWrite(job);
        return job;
    }

    /// <summary>The job, only for its owner.</summary>
    public ImportJob? Find(Guid id, string owner) =>
        _jobs.TryGetValue(id, out var j) && j.Job.Owner == owner ? j.Job : null;

    public bool RequestCommit(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State != ImportJobState.Validated || job.CommitRequested || job.Batch is not { Profiles.Count: > 0 })
        {
            return false;
        }
        job.CommitRequested = true;
        _queue.Writer.TryWrite(job);
        return true;
    }

    /// <summary>Validates and, when asked, commits in the caller's flow (the API's synchronous import and the tests use this).</summary>
    public async Task RunAsync(ImportJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = job.Scope;
        try
        {
            if (job.State is ImportJobState.Queued)
            {
                job.State = ImportJobState.Validating;
                var importer = scope.ServiceProvider.GetRequiredService<ProfileImporter>();
                using var stream = new MemoryStream(job.Content!);
                job.Batch = await importer.ReadAsync(stream, job.Format, new SyncProgress(n => job.Done = n), ct).ConfigureAwait(false);
                job.Content = null;
                job.Total = job.Batch.Profiles.Count;
                job.Done = 0;
                job.State = ImportJobState.Validated;
            }
            if (job.CommitRequested && job.State == ImportJobState.Validated)
            {
                job.State = ImportJobState.Committing;
                var registry = scope.ServiceProvider.GetRequiredService<EnterpriseRegistry>();
                job.Result = await registry.UpsertAsync(job.Batch!.Profiles.Select(p => p.Profile).ToList(), new SyncProgress(n => job.Done = n), ct).ConfigureAwait(false);
                job.State = ImportJobState.Committed;
                log.LogInformation("import {Job} by {Owner}: {Created} created, {Updated} updated, {Unchanged} unchanged", job.Id, job.Owner, job.Result.Created, job.Result.Updated, job.Result.Unchanged);
                foreach (var f in job.Result.EvaluationFailures)
                {
                    log.LogError("import {Job}: {CreditCode} saved, but its evaluation failed: {Reason}", job.Id, f.CreditCode, f.Reason);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "import {Job} failed", job.Id);
            job.Failure = "导入失败，数据未保存（所有更改已回滚）。请稍后重试或联系管理员。";
            job.State = ImportJobState.Failed;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await RunAsync(job, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Progress that updates at once (Progress&lt;T&gt; posts to the thread pool, so the last report could arrive late).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
