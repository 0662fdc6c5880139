using System.Buffers;
using System.Runtime.CompilerServices;

namespace Tidu.Domain.Exchange;

/// <summary>
/// A position in one record's UTF-8 for the compact reader: JSON without whitespace between tokens, strings without
/// escapes, numbers without exponents. Anything else fails the cursor — it jumps to the end, so every later step fails
/// too and the caller's loops end — and the record goes to the general reader, which decides and words any error.
/// A cursor that has not failed has seen only well-formed JSON.
/// </summary>
internal ref struct CompactCursor(ReadOnlySpan<byte> json)
{
    // A string ends at its closing quote; an escape or a control character (not allowed raw in JSON) fails it.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private readonly ReadOnlySpan<byte> _s = json;
    private int _p;

    public bool Failed { get; private set; }

    /// <summary>The next byte, or 0 at the end (0 matches no token).</summary>
    public readonly byte Peek => _p < _s.Length ? _s[_p] : (byte)0;

    public void Fail()
    {
        Failed = true;
        _p = _s.Length;
    }

    /// <summary>Steps over <paramref name="b"/> if it is next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEat(byte b)
    {
        if (Peek != b)
        {
            return false;
        }
        _p++;
        return true;
    }

    /// <summary>Steps over <paramref name="b"/>, which must be next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Eat(byte b)
    {
        if (!TryEat(b))
        {
            Fail();
        }
    }

    /// <summary>True (stepped over) when the next value is the literal null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNull() => TryLiteral("null"u8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_s[_p..].StartsWith(literal))
        {
            return false;
        }
        _p += literal.Length;
        return true;
    }

    /// <summary>true or false (null is the caller's to try first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Bool()
    {
        if (TryLiteral("true"u8))
        {
            return true;
        }
        if (!TryLiteral("false"u8))
        {
            Fail();
        }
        return false;
    }

    /// <summary>A string's bytes between its quotes; empty after a failure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> String()
    {
        if (!TryEat((byte)'"'))
        {
            Fail();
            return default;
        }
        var rest = _s[_p..];
        var end = rest.IndexOfAny(StringStops);
        if (end < 0 || rest[end] != (byte)'"')
        {
            Fail();
            return default;
        }
        _p += end + 1;
        return rest[..end];
    }

    /// <summary>A member's name and the colon after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Name()
    {
        var name = String();
        Eat((byte)':');
        return name;
    }

    /// <summary>
    /// A number's text, checked against JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?. An exponent is left unread, so the
    /// caller's next step (a comma or a closing bracket) fails on it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Number()
    {
        var start = _p;
        TryEat((byte)'-');
        if (TryEat((byte)'0'))
        {
            if (IsDigit(Peek))
            {
                Fail(); // a leading zero is not JSON
                return default;
            }
        }
        else if (!Digits())
        {
            Fail();
            return default;
        }
        if (TryEat((byte)'.') && !Digits())
        {
            Fail();
            return default;
        }
        return _s[start.._p];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Digits()
    {
        var start = _p;
        while (IsDigit(Peek))
        {
            _p++;
        }
        return _p > start;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    /// <summary>Whether only JSON whitespace is left (the general reader allows it after the value).</summary>
    public readonly bool AtEndButWhitespace() => !Failed && _s[_p..].IndexOfAnyExcept(" \t\r\n"u8) < 0;
}
