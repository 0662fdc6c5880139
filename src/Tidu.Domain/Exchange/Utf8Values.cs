using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Tidu.Domain.Exchange;

/// <summary>
/// Values read straight from the UTF-8 of a JSON token. Each fast path accepts only what System.Text.Json's own
/// parsing (or <see cref="DateOnly.TryParseExact(string, string, IFormatProvider?, DateTimeStyles, out DateOnly)"/>)
/// accepts, and gives the identical value — decimals keep their scale ("2074.80" has two decimals) — and leaves
/// everything else to that parsing.
/// </summary>
internal static class Utf8Values
{
    /// <summary>The token's number as a decimal, exactly as <see cref="Utf8JsonReader.TryGetDecimal"/> reads it.</summary>
    public static bool TryGetDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        if (!reader.HasValueSequence && TryFast(reader.ValueSpan, out value))
        {
            return true;
        }
        return reader.TryGetDecimal(out value);
    }

    /// <summary>
    /// [-]digits[.digits] with at most 18 digits in all: the mantissa fits a long, the scale is the number of fraction
    /// digits. A negative zero (which the parser keeps as −0) and anything else go the slow way.
    /// </summary>
    private static bool TryFast(ReadOnlySpan<byte> s, out decimal value)
    {
        if (TryFastParts(s, out var mantissa, out var scale, out var negative))
        {
            value = Decimal(mantissa, scale, negative);
            return true;
        }
        value = 0m;
        return false;
    }

    /// <summary>The parts of a number <see cref="TryFast"/> accepts: its digits as a long, the count of fraction digits, the sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFastParts(ReadOnlySpan<byte> s, out long mantissa, out byte scale, out bool negative)
    {
        var i = 0;
        negative = false;
        if (s.Length > 0 && s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        mantissa = 0;
        var digits = 0;
        scale = 0;
        var point = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                if (++digits > 18)
                {
                    return false;
                }
                mantissa = (mantissa * 10) + (c - '0');
                if (point)
                {
                    scale++;
                }
            }
            else if (c == (byte)'.' && !point)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }
        return digits > 0 && !(negative && mantissa == 0);
    }

    /// <summary>The decimal of <see cref="TryFastParts"/>' parts (the scale kept: "2074.80" has two decimals).</summary>
    public static decimal Decimal(long mantissa, byte scale, bool negative) =>
        new(unchecked((int)mantissa), unchecked((int)(mantissa >> 32)), 0, negative, scale);

    /// <summary>A whole number of at most nine digits (no fraction, no exponent), or false to go the decimal way.</summary>
    public static bool TryGetSmallInt(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        if (reader.HasValueSequence)
        {
            return false;
        }
        var s = reader.ValueSpan;
        var i = s.Length > 0 && s[0] == (byte)'-' ? 1 : 0;
        if (s.Length - i is < 1 or > 9)
        {
            return false;
        }
        var v = 0;
        for (var k = i; k < s.Length; k++)
        {
            var c = s[k];
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            v = (v * 10) + (c - '0');
        }
        value = i == 1 ? -v : v;
        return true;
    }

    /// <summary>YYYY-MM-DD with ASCII digits and a real date, or false to let DateOnly.TryParseExact decide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryGetDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-')
        {
            return false;
        }
        if (!Digits(s[..4], out var y) || !Digits(s.Slice(5, 2), out var m) || !Digits(s.Slice(8, 2), out var d))
        {
            return false;
        }
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }
        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    /// <summary>How an error message names the value at the reader: <c>the string "…"</c>, <c>the number 42</c>, <c>an array</c> …</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string \"{Truncate(StringOrRaw(ref reader))}\"",
        JsonTokenType.Number => $"the number {Truncate(Raw(ref reader))}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => "null",
    };

    /// <summary>The token's text as it stands in the input (numbers are never escaped).</summary>
    public static string Raw(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);

    private static string StringOrRaw(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return Raw(ref reader);
        }
    }

    /// <summary>Hostile input may carry megabyte strings; never echo more than a few dozen characters.</summary>
    public static string Truncate(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "…");

    public static string Invariant(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses with the standard parser, for a number the fast path declined.</summary>
    public static bool TryParseStandard(ReadOnlySpan<byte> s, out decimal value) =>
        Utf8Parser.TryParse(s, out value, out var consumed) && consumed == s.Length;
}
