namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// Builds 统一社会信用代码 for test enterprises straight from GB 32100-2015 (alphabet of 31 characters without
/// I O S V Z, weights 3^i mod 31, check = 31 − Σ mod 31), written here again so the tests do not take the
/// expected check character from the code under test.
/// </summary>
public static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A valid code of an enterprise (登记管理部门 9, 类别 1) registered in <paramref name="regionCode"/>; <paramref name="serial"/> makes it unique.</summary>
    public static string For(string regionCode, int serial)
    {
        var body = $"91{regionCode}{serial:D8}X";
        return body + Check(body);
    }

    /// <summary>The same code with a wrong check character (the next one in the alphabet).</summary>
    public static string WithWrongCheck(string valid)
    {
        var wrong = Alphabet[(Alphabet.IndexOf(valid[17], StringComparison.Ordinal) + 1) % Alphabet.Length];
        return valid[..17] + wrong;
    }

    public static char Check(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var sum = 0;
        var weight = 1;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }
        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
