using System.Globalization;

namespace Tidu.Cli.Commands;

internal static class AsOfDate
{
    /// <summary>Parses YYYY-MM-DD strictly; null → today (local calendar date from the clock given).</summary>
    public static bool TryResolve(string? text, TimeProvider clock, out DateOnly date, out string? error)
    {
        error = null;
        if (text is null)
        {
            date = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        error = $"--as-of '{text}' is not a date in the form YYYY-MM-DD";
        return false;
    }
}
