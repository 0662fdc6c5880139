using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Tidu.Cluster.Coherence;

namespace Tidu.Cluster.Limits;

/// <summary>
/// Rate limiters whose windows are the cluster's (<see cref="IRateWindowGrain"/>), for a node's
/// <see cref="PartitionedRateLimiter"/>: the node registers this service only when it hosts a silo; a single process
/// keeps ASP.NET Core's own in-process limiters.
/// </summary>
public sealed partial class SharedRateLimits(IGrainFactory grains, ClusterWriteGeneration silo, TimeProvider clock, ILogger<SharedRateLimits> log)
{
    /// <summary>A fixed window of <paramref name="permitLimit"/> permits per <paramref name="window"/> for partition <paramref name="key"/>.</summary>
    public RateLimiter FixedWindow(string key, int permitLimit, TimeSpan window) =>
        new SharedWindowLimiter(grains.GetGrain<IRateWindowGrain>(key), silo, clock, log, key, permitLimit, window);

    /// <summary>
    /// One partition's limiter on this node. Deciding takes a call to the partition's grain, so the synchronous attempt
    /// never grants (and counts nothing): ASP.NET Core's rate limiting then asks <see cref="RateLimiter.AcquireAsync"/>.
    /// Until the silo is active, or when the grain cannot be reached, the node limits the partition alone (an
    /// in-process window of the same size): never unlimited.
    /// </summary>
    private sealed partial class SharedWindowLimiter : RateLimiter
    {
        private static readonly RateLimitLease Granted = new Lease(true, null);
        private static readonly RateLimitLease NotDecided = new Lease(false, null);

        private readonly IRateWindowGrain _grain;
        private readonly ClusterWriteGeneration _silo;
        private readonly TimeProvider _clock;
        private readonly ILogger _log;
        private readonly string _key;
        private readonly int _permitLimit;
        private readonly TimeSpan _window;
        private readonly FixedWindowRateLimiter _alone;
        private long _lastUsed;

        public SharedWindowLimiter(IRateWindowGrain grain, ClusterWriteGeneration silo, TimeProvider clock, ILogger log, string key, int permitLimit, TimeSpan window)
        {
            (_grain, _silo, _clock, _log, _key, _permitLimit, _window) = (grain, silo, clock, log, key, permitLimit, window);
            _alone = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitLimit,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
            _lastUsed = clock.GetTimestamp();
        }

        public override TimeSpan? IdleDuration => _clock.GetElapsedTime(Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Granted : NotDecided;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, _clock.GetTimestamp());
            if (permitCount == 0)
            {
                return Granted;
            }
            if (_silo.Active)
            {
                try
                {
                    var answer = await _grain.TakeAsync(permitCount, _permitLimit, _window)
                        .WaitAsync(cancellationToken).ConfigureAwait(false);
                    return answer.Granted ? Granted : new Lease(false, answer.RetryAfter);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogAlone(_log, ex, _key);
                }
            }
            return await _alone.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _alone.Dispose();
            }
            base.Dispose(disposing);
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            await _alone.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsyncCore().ConfigureAwait(false);
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "the rate window of {Partition} did not answer; this node limits it alone until it does")]
        private static partial void LogAlone(ILogger logger, Exception ex, string partition);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
