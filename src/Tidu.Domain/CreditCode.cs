namespace Tidu.Domain;

/// <summary>
/// 统一社会信用代码 per GB 32100-2015: 18 characters from a 31-character alphabet (no I, O, S, V, Z),
/// characters 3–8 a region code, the 18th a check character computed from the first 17.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The value of each ASCII character in the alphabet, −1 for the others (validating millions of codes).</summary>
    private static readonly sbyte[] Values = BuildValues();

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }
        return values;
    }

    private static int ValueOf(char c) => c < 128 ? Values[c] : -1;

    /// <summary>Null when <paramref name="code"/> is a valid credit code, otherwise the reason in English.</summary>
    public static string? Validate(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != Length)
        {
            return $"must be {Length} characters, got {code.Length}";
        }
        for (var i = 0; i < Length; i++)
        {
            if (ValueOf(code[i]) < 0)
            {
                return $"character {i + 1} '{code[i]}' is not allowed (digits and upper-case letters except I, O, S, V, Z)";
            }
            if (i is >= 2 and <= 7 && !char.IsAsciiDigit(code[i]))
            {
                return $"character {i + 1} must be a digit (characters 3–8 are a region code)";
            }
        }
        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        return code[Length - 1] == expected ? null : $"check character is '{code[Length - 1]}', expected '{expected}'";
    }

    public static bool IsValid(string code) => Validate(code) is null;

    /// <summary>The check character for the first 17 characters (which must be from the alphabet).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("expected 17 characters", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = ValueOf(first17[i]);
            if (value < 0)
            {
                throw new ArgumentException($"character '{first17[i]}' is not in the credit-code alphabet", nameof(first17));
            }
            sum += value * Weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Character for a value 0–30, for generators that build codes.</summary>
    public static char AlphabetAt(int value) => Alphabet[value];

    public static int AlphabetSize => Alphabet.Length;
}
