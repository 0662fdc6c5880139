using System.Globalization;
using Tidu.Domain.Display;

namespace Tidu.Domain.Recognitions;

/// <summary>
/// Certificate numbers of recognitions issued on the platform, in the form official documents number things:
/// the issuing province's abbreviation, the tier's short name, the year in 〔〕 and a four-digit sequence with 号 —
/// 浙专精特新〔2026〕0001号. The sequence runs per province, tier and year; the database's unique index refuses a number
/// issued twice.
/// </summary>
public static class CertificateNumber
{
    /// <summary>The part every number of <paramref name="tier"/> issued by <paramref name="issuerRegion"/> in <paramref name="year"/> begins with.</summary>
    public static string Prefix(string issuerRegion, string tier, int year)
    {
        ArgumentNullException.ThrowIfNull(issuerRegion);
        ArgumentNullException.ThrowIfNull(tier);
        return $"{DisplayNames.ProvinceShort(issuerRegion)}{DisplayNames.TierShort(tier)}〔{year.ToString(CultureInfo.InvariantCulture)}〕";
    }

    /// <summary>The number with sequence <paramref name="sequence"/> (1 for the first of the year).</summary>
    public static string Of(string prefix, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return $"{prefix}{sequence.ToString("D4", CultureInfo.InvariantCulture)}号";
    }
}
