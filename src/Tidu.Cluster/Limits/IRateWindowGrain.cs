namespace Tidu.Cluster.Limits;

/// <summary>
/// One rate-limit partition's window for the whole cluster (key: the partition, e.g. <c>sign-in:203.0.113.4</c>): every
/// node's requests of the partition take their permits here, one call at a time, so requests spread over nodes are
/// limited as if one node had them all.
/// </summary>
public interface IRateWindowGrain : IGrainWithStringKey
{
    /// <summary>Takes <paramref name="permits"/> of the <paramref name="permitLimit"/> a <paramref name="window"/> allows.</summary>
    Task<RateWindowAnswer> TakeAsync(int permits, int permitLimit, TimeSpan window);
}

/// <summary>Whether the permits were granted; if not, how long until the window opens again.</summary>
[GenerateSerializer, Immutable]
public sealed record RateWindowAnswer([property: Id(0)] bool Granted, [property: Id(1)] TimeSpan RetryAfter);
