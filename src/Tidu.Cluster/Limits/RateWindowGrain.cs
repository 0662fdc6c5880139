namespace Tidu.Cluster.Limits;

/// <summary>
/// A fixed window: it opens at the first request after the last one ended and grants up to the limit until it ends.
/// The count is held in memory and the grain is kept active for the window: a window lost with its silo starts again
/// empty on another (a node's limit is then briefly the cluster's, never tighter).
/// </summary>
public sealed class RateWindowGrain(TimeProvider clock) : Grain, IRateWindowGrain
{
    private DateTimeOffset _opened = DateTimeOffset.MinValue;
    private long _taken;

    public Task<RateWindowAnswer> TakeAsync(int permits, int permitLimit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        if (now - _opened >= window)
        {
            (_opened, _taken) = (now, 0);
        }
        DelayDeactivation(window);
        if (_taken + permits <= permitLimit)
        {
            _taken += permits;
            return Task.FromResult(new RateWindowAnswer(true, TimeSpan.Zero));
        }
        return Task.FromResult(new RateWindowAnswer(false, _opened + window - now));
    }
}
