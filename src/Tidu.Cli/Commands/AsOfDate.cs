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
        return TryParse(text, "--as-of", out date, out error);
    }

    /// <summary>Parses YYYY-MM-DD strictly; the error names the option the text came from.</summary>
    public static bool TryParse(string text, string option, out DateOnly date, out string? error)
    {
        error = null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        error = $"{option} '{text}' is not a date in the form YYYY-MM-DD";
        return false;
    }
}
