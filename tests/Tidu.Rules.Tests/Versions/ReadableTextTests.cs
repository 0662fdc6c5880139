using System.Text.RegularExpressions;
using Shouldly;
using Tidu.Rules.Versions;
using Xunit;

namespace Tidu.Rules.Tests.Versions;

/// <summary>
/// What the rule files say to people — rule set titles, version notes, item titles, notes and advice — is shown on the
/// enterprise file, in the CLI's tables and in explanations, so it reads in Chinese: no lower-case Latin word and no
/// field name of the exchange format (“读 mainProduct.industryDirection”, “score 为 null”). Ids, facts and vocabulary
/// values live in their own keys, where people do not read them. A version's readings are left out on purpose: they
/// say which field of the exchange format a sentence of the text is read from (for `tidu rules show` and the
/// evaluation's JSON), so they name those fields.
/// </summary>
public sealed partial class ReadableTextTests
{
    [Fact]
    public void Every_text_of_the_rule_files_that_people_read_is_Chinese()
    {
        var findings = new List<string>();
        void Scan(string where, string? text)
        {
            if (text is null)
            {
                return;
            }
            foreach (Match m in Developer().Matches(text))
            {
                findings.Add($"{where}: “{m.Value}” in “{text}”");
            }
        }
        foreach (var set in RuleCatalog.LoadDefault().Sets)
        {
            Scan($"{set.File} title", set.Title);
            foreach (var v in set.Versions)
            {
                var at = $"{set.File} {v.VersionId}";
                Scan($"{at} note", v.Note);
                foreach (var item in v.Items)
                {
                    Scan($"{at} {item.Id} title", item.Title);
                    Scan($"{at} {item.Id} note", item.Field("note"));
                    Scan($"{at} {item.Id} advice", item.Field("advice"));
                }
            }
        }
        findings.ShouldBeEmpty(string.Join(Environment.NewLine, findings.Take(80)));
    }

    /// <summary>A lower-case Latin word (not a file extension after a dot), or a camelCase or kebab-case identifier.</summary>
    [GeneratedRegex(@"(?<![.\w])[a-z]{2,}(?![\w])|\b[a-z]+[A-Z][A-Za-z0-9]*\b|\b[a-z]+(?:-[a-z0-9]+)+\b")]
    private static partial Regex Developer();
}
