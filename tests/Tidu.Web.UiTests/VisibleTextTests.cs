using Shouldly;
using Tidu.Web.UiTests.Support;
using Xunit;

namespace Tidu.Web.UiTests;

/// <summary>The page scanner of the walking test finds each kind of developer text, and passes Chinese text.</summary>
public sealed class VisibleTextTests
{
    [Theory]
    [InlineData("缺少数据：/financials/2/mainBusinessRevenue", "JSON Pointer")]
    [InlineData("通过（未提供 /registeredInMainland，按规则默认值）", "JSON Pointer")]
    [InlineData("当前值 [{\"level\":\"international\",\"role\":\"participate\"}]", "raw JSON")]
    [InlineData("要求 = true", "true/false")]
    [InlineData("实际 below-city，要求 属于 {provincial, national}", "English identifier")]
    [InlineData("实际 medium", "vocabulary id")]
    [InlineData("（依据：workflow.md“动态管理”）", "developer file or job")]
    [InlineData("浙政办发〔2022〕19号 二（一）2（seed 000）", "developer file or job")]
    [InlineData("系统 system:startup 新增 EnterpriseHonor", "English identifier")]
    [InlineData("规则版本 specialized-sme@2026", "rule version id")]
    [InlineData("证书编号 specialized-sme-2026-0001", "English identifier")]
    public void Developer_text_is_found(string text, string kind) =>
        VisibleText.Scan(text).Select(f => f.Kind).ShouldContain(kind);

    [Theory]
    [InlineData("2025年 主营业务收入：实际 100.6 万元，要求 ≥ 122 万元")]
    [InlineData("证书编号 浙专精特新〔2026〕0001号 · 统一社会信用代码 9133010234CR9PPXUB · 行业代码 C3484")]
    [InlineData("请上传 .csv、.xlsx、.json 或 .jsonl 文件；导出 Excel（XLSX）")]
    [InlineData("上城区 · 县级主管部门 新增 荣誉资质 高新技术企业（2024年）；评价得分 [0.02, 0.03)")]
    public void Chinese_text_passes(string text) => VisibleText.Scan(text).ShouldBeEmpty();
}
