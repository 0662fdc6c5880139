using System.Globalization;

namespace Tidu.Rules.Files;

/// <summary>The one date format of every rule file (versions, verification records, holiday arrangements): YYYY-MM-DD.</summary>
internal static class IsoDate
{
    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
