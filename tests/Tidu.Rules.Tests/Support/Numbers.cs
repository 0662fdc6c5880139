using System.Globalization;

namespace Tidu.Rules.Tests.Support;

/// <summary>Decimals written as strings in test data, so [InlineData] can carry exact values such as 0.5000001.</summary>
public static class Numbers
{
    public static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
}
