namespace Tidu.Domain.Exchange;

/// <summary>
/// The largest magnitudes the exchange format accepts where the schema sets no tighter bound. They are far beyond any
/// enterprise (the largest Chinese enterprise's revenue is a few 10⁸ 万元; the largest employers a few 10⁶ people) and
/// keep every exact computation of the engine (sums and growth rates over three years, cross-multiplied ratios) inside
/// the range of <see cref="decimal"/>. A value beyond them is reported with its path, never evaluated.
/// </summary>
public static class Limits
{
    /// <summary>Largest amount in 万元 (10⁹ 万元 = 10 万亿元), in either direction for amounts that can be negative.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>Largest count (employees, R&amp;D staff, IP items, years in a field, ranks).</summary>
    public const int MaxCount = 10_000_000;
}
