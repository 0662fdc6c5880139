using System.Text.RegularExpressions;

namespace Tidu.Web.Importing;

/// <summary>
/// Chinese wording for the exchange-format reader's English reasons, so the page speaks the user's language
/// while logs and the API keep the English original. Unknown reasons keep the English text in brackets.
/// </summary>
public static partial class ReasonTranslator
{
    private static readonly (Regex Pattern, string Chinese)[] Table =
    [
        (Required(), "必填"),
        (NotEmpty(), "不能为空"),
        (Region(), "“$1”不是 6 位行政区划代码（GB/T 2260）"),
        (Industry(), "“$1”不是国民经济行业代码（GB/T 4754，如 C3484）"),
        (Date(), "“$1”不是有效日期（格式 YYYY-MM-DD）"),
        (Number(), "应为数字，实际为 $1"),
        (Integer(), "应为整数，实际为 $1"),
        (Text(), "应为文本，实际为 $1"),
        (AtLeast(), "不能小于 $1（实际 $2）"),
        (AtMost(), "不能大于 $1（实际 $2）"),
        (CcLength(), "统一社会信用代码应为 $1 位，实际 $2 位"),
        (CcChar(), "统一社会信用代码第 $1 位“$2”不允许（只能是数字和除 I、O、S、V、Z 外的大写字母）"),
        (CcDigit(), "统一社会信用代码第 $1 位应为数字（第 3–8 位是行政区划代码）"),
        (CcCheck(), "统一社会信用代码校验位错误：为“$1”，按 GB 32100 应为“$2”"),
        (CreditCode(), "统一社会信用代码无效：$1"),
        (YearTwice(), "年度 $1 重复出现"),
        (NoYears(), "至少需要一个年度的财务数据"),
        (EndsBefore(), "有效期截止日（$1）早于认定日（$2）"),
        (JsonAt(), "不是有效的 JSON：第 $1 行第 $2 个字节处有语法错误"),
        (JsonTooDeep(), "不是有效的 JSON：第 $1 行第 $2 个字节处嵌套层数超过上限"),
        (JsonTruncated(), "不是有效的 JSON：记录意外结束（可能被截断）"),
        (NotJson(), "不是有效的 JSON"),
        (NotUtf8(), "不是有效的 UTF-8 编码，请另存为 UTF-8"),
        (Truncated(), "文件意外结束（可能被截断）"),
        (OutOfRange(), "数值超出范围"),
        (OneOf(), "“$1”不在允许的取值中：$2"),
    ];

    public static string ToChinese(string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        foreach (var (pattern, chinese) in Table)
        {
            var m = pattern.Match(english);
            if (m.Success)
            {
                return pattern.Replace(english, chinese);
            }
        }
        return $"数据不符合格式要求（{english}）";
    }

    [GeneratedRegex(@"^is required$")] private static partial Regex Required();
    [GeneratedRegex(@"^must not be empty$")] private static partial Regex NotEmpty();
    [GeneratedRegex(@"^'(.*)' is not a 6-digit region code.*$")] private static partial Regex Region();
    [GeneratedRegex(@"^'(.*)' is not a GB/T 4754 code.*$")] private static partial Regex Industry();
    [GeneratedRegex(@"^'(.*)' is not a valid date.*$")] private static partial Regex Date();
    [GeneratedRegex(@"^expected a number, got (.*)$")] private static partial Regex Number();
    [GeneratedRegex(@"^expected an integer, got (.*)$")] private static partial Regex Integer();
    [GeneratedRegex(@"^expected a string, got (.*)$")] private static partial Regex Text();
    [GeneratedRegex(@"^must be at least (\S+), got (\S+)$")] private static partial Regex AtLeast();
    [GeneratedRegex(@"^must be at most (\S+), got (\S+)$")] private static partial Regex AtMost();
    [GeneratedRegex(@"^invalid credit code: must be (\d+) characters, got (\d+)$")] private static partial Regex CcLength();
    [GeneratedRegex(@"^invalid credit code: character (\d+) '(.)' is not allowed.*$")] private static partial Regex CcChar();
    [GeneratedRegex(@"^invalid credit code: character (\d+) must be a digit.*$")] private static partial Regex CcDigit();
    [GeneratedRegex(@"^invalid credit code: check character is '(.)', expected '(.)'$")] private static partial Regex CcCheck();
    [GeneratedRegex(@"^invalid credit code: (.*)$")] private static partial Regex CreditCode();
    [GeneratedRegex(@"^year (\d+) appears twice.*$")] private static partial Regex YearTwice();
    [GeneratedRegex(@"^must hold at least one fiscal year$")] private static partial Regex NoYears();
    [GeneratedRegex(@"^ends \((.*)\) before the recognition date \((.*)\)$")] private static partial Regex EndsBefore();
    [GeneratedRegex(@"^not valid JSON: syntax error at line (\d+), byte (\d+)$")] private static partial Regex JsonAt();
    [GeneratedRegex(@"^not valid JSON: nested beyond the maximum depth at line (\d+), byte (\d+)$")] private static partial Regex JsonTooDeep();
    [GeneratedRegex(@"^not valid JSON: unexpected end of (file|record).*$")] private static partial Regex JsonTruncated();
    [GeneratedRegex(@"^not valid JSON\b.*$")] private static partial Regex NotJson();
    [GeneratedRegex(@"^not valid UTF-8.*$")] private static partial Regex NotUtf8();
    [GeneratedRegex(@"^unexpected end of (file|record).*$")] private static partial Regex Truncated();
    [GeneratedRegex(@"^number is out of range$")] private static partial Regex OutOfRange();
    [GeneratedRegex(@"^'(.*)' is not one of: (.*)$")] private static partial Regex OneOf();
}
