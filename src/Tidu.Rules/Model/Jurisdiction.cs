using System.Text.RegularExpressions;
using Tidu.Domain.Regions;

namespace Tidu.Rules.Model;

/// <summary>
/// Where a rule set applies: <c>national</c>, or a GB/T 2260 region written as a province (<c>33</c>), city
/// (<c>3301</c> or <c>330100</c>) or county code (<c>330106</c>). An enterprise falls under every jurisdiction
/// that contains its regionCode; among rule sets of the same id the most specific one in force applies
/// (national → province → city → district).
/// </summary>
public static partial class Jurisdiction
{
    public const string National = "national";

    [GeneratedRegex(@"^([0-9]{2}|[0-9]{4}|[0-9]{6})\z")]
    private static partial Regex CodePattern();

    public static bool IsValid(string jurisdiction) =>
        jurisdiction == National || CodePattern().IsMatch(jurisdiction);

    /// <summary>The region prefix the jurisdiction stands for: "330100" → "3301", "330000" → "33", national → "".</summary>
    public static string Prefix(string jurisdiction)
    {
        if (jurisdiction == National)
        {
            return "";
        }
        var p = jurisdiction;
        while (p.Length > 2 && p.EndsWith("00", StringComparison.Ordinal))
        {
            p = p[..^2];
        }
        return p;
    }

    /// <summary>0 for national, 2 for a province, 4 for a city, 6 for a county: larger is more specific.</summary>
    public static int Specificity(string jurisdiction) => Prefix(jurisdiction).Length;

    /// <summary>
    /// True when the enterprise region <paramref name="regionCode"/> lies in <paramref name="jurisdiction"/>. Regions
    /// of the shipped tree are placed by their parents (a county-level city directly under a province has no city
    /// prefix); others by the GB/T 2260 code structure.
    /// </summary>
    public static bool Contains(string jurisdiction, string regionCode)
    {
        var prefix = Prefix(jurisdiction);
        if (prefix.Length == 0)
        {
            return true;
        }
        var tree = RegionTree.Shipped;
        var code = prefix.PadRight(6, '0');
        return tree.Find(code) is not null && tree.Find(regionCode) is not null
            ? tree.IsWithin(regionCode, code)
            : regionCode.StartsWith(prefix, StringComparison.Ordinal);
    }
}
