using System.Text.RegularExpressions;
using Tidu.Domain.Display;

namespace Tidu.Web.UiTests.Support;

/// <summary>
/// What an officer must never read on a page: a JSON Pointer, raw JSON, true/false, an English identifier (any
/// identifier of the display vocabulary, or any lower-case Latin word — the UI is Chinese; file extensions after a dot
/// are the only Latin words allowed), a developer's file or job name, or a rule version id. Text inside elements of class
/// "raw" (an API key, shown to be copied) is left out by the caller.
/// </summary>
public static partial class VisibleText
{
    public sealed record Finding(string Kind, string Match, string Text);

    public static IReadOnlyList<Finding> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<Finding>();
        void Add(string kind, Regex regex)
        {
            foreach (Match m in regex.Matches(text))
            {
                findings.Add(new Finding(kind, m.Value, Context(text, m)));
            }
        }
        Add("JSON Pointer", JsonPointer());
        Add("raw JSON", RawJson());
        Add("true/false", TrueFalse());
        Add("rule version id", RuleVersionId());
        Add("developer file or job", DeveloperText());
        Add("English identifier", CompoundIdentifier());
        foreach (Match m in LatinWord().Matches(text))
        {
            var word = m.Value;
            var kind = DisplayNames.Identifiers.Contains(word) ? "vocabulary id" : "English word";
            findings.Add(new Finding(kind, m.Value, Context(text, m)));
        }
        return findings;
    }

    private static string Context(string text, Match m)
    {
        var from = Math.Max(0, m.Index - 20);
        var to = Math.Min(text.Length, m.Index + m.Length + 20);
        return text[from..to].Replace('\n', ' ');
    }

    /// <summary>/financials/2/mainBusinessRevenue, /mainProduct/revenueShare, /registeredInMainland.</summary>
    [GeneratedRegex(@"(?<![\w./:])/[a-z][A-Za-z0-9]*(?:/[A-Za-z0-9]+)*(?![\w/])")]
    private static partial Regex JsonPointer();

    [GeneratedRegex(@"[\[{]\s*""|""\s*:\s*[""\[{\d]")]
    private static partial Regex RawJson();

    [GeneratedRegex(@"\b(?:true|false|True|False|null)\b")]
    private static partial Regex TrueFalse();

    /// <summary>specialized-sme@2026, hidden-champion@2016/33.</summary>
    [GeneratedRegex(@"[A-Za-z-]+@\d")]
    private static partial Regex RuleVersionId();

    [GeneratedRegex(@"(?i)\bseed\b|\.md\b|\bsystem:|\bapi-key:|\bdata/[\w-]+\.csv")]
    private static partial Regex DeveloperText();

    /// <summary>kebab-case, snake_case, camelCase and PascalCase compounds (EnterpriseHonor, mainBusinessRevenue, below-city).</summary>
    [GeneratedRegex(@"\b(?:[a-z]+(?:[-_][a-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*)\b")]
    private static partial Regex CompoundIdentifier();

    /// <summary>A lower-case Latin word of two letters or more, unless it is a file extension (".csv").</summary>
    [GeneratedRegex(@"(?<![.\w])[a-z]{2,}(?![\w])")]
    private static partial Regex LatinWord();
}
