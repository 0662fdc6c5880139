using Shouldly;
using Tidu.Web.Importing;
using Xunit;

namespace Tidu.Web.Tests.Importing;

/// <summary>A broken JSON record reads in Chinese on the import page, placed by line and byte, with no English left.</summary>
public sealed class ReasonTranslatorTests
{
    [Theory]
    [InlineData("not valid JSON: syntax error at line 3, byte 12", "不是有效的 JSON：第 3 行第 12 个字节处有语法错误")]
    [InlineData("not valid JSON: unexpected end of record (truncated?)", "不是有效的 JSON：记录意外结束（可能被截断）")]
    [InlineData("not valid JSON: unexpected end of file (truncated?)", "不是有效的 JSON：记录意外结束（可能被截断）")]
    [InlineData("not valid JSON: nested beyond the maximum depth at line 1, byte 34", "不是有效的 JSON：第 1 行第 34 个字节处嵌套层数超过上限")]
    [InlineData("not valid JSON: syntax error", "不是有效的 JSON")]
    [InlineData("not valid JSON: 'x' is an invalid start of a value.", "不是有效的 JSON")]
    public void A_json_syntax_error_reads_in_chinese(string english, string chinese) =>
        ReasonTranslator.ToChinese(english).ShouldBe(chinese);
}
