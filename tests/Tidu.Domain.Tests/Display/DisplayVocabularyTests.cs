using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Domain.Display;
using Tidu.Domain.Exchange;
using Tidu.Domain.Recognitions;
using Xunit;

namespace Tidu.Domain.Tests.Display;

/// <summary>The display vocabulary names every identifier of the exchange format, field paths, requirements and audit actors in Chinese.</summary>
public sealed class DisplayVocabularyTests
{
    private static bool IsChinese(string s) => s.Any(c => c >= '\u4e00' && c <= '\u9fff');

    public static TheoryData<string, string> ClosedValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var (set, values) in new (string, IEnumerable<string>)[]
        {
            ("tier", Vocabulary.Tier), ("listing", Vocabulary.Listing), ("listingPlan", Vocabulary.ListingPlan),
            ("chainContribution", Vocabulary.ChainContribution), ("rdInstitution", Vocabulary.RdInstitution),
            ("standardLevel", Vocabulary.StandardLevel), ("standardRole", Vocabulary.StandardRole), ("honorKind", Vocabulary.HonorKind),
        })
        {
            foreach (var v in values)
            {
                data.Add(set, v);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ClosedValues))]
    public void Every_value_of_the_exchange_formats_closed_sets_has_a_Chinese_name(string set, string value)
    {
        var name = set switch
        {
            "tier" => DisplayNames.Tier(value),
            "listing" => DisplayNames.Listing(value),
            "listingPlan" => DisplayNames.ListingPlan(value),
            "chainContribution" => DisplayNames.ChainContribution(value),
            "rdInstitution" => DisplayNames.RdInstitution(value),
            "standardLevel" => DisplayNames.StandardLevel(value),
            "standardRole" => DisplayNames.StandardRole(value),
            _ => DisplayNames.Honor(value),
        };
        IsChinese(name).ShouldBeTrue($"{set} {value} → {name}");
        DisplayNames.Identifiers.ShouldContain(value);
    }

    [Theory]
    [InlineData("/financials/2/mainBusinessRevenue", "2025年 主营业务收入")]
    [InlineData("/financials/0/rdExpense", "2023年 研发费用")]
    [InlineData("/mainProduct/revenueShare", "主导产品收入占营业收入比重")]
    [InlineData("/registeredInMainland", "在境内工商注册登记")]
    [InlineData("/recognitions:little-giant", "已获梯度认定：专精特新“小巨人”企业")]
    [InlineData("/financials (year 2025)", "2025年 财务数据")]
    [InlineData("/honors:high-tech-enterprise,tech-sme", "荣誉资质：高新技术企业、科技型中小企业")]
    public void A_JSON_Pointer_reads_as_the_field_and_its_year(string path, string expected) =>
        FieldNames.Of(path, i => 2023 + i).ShouldBe(expected);

    [Fact]
    public void A_financials_entry_whose_year_is_not_known_reads_by_its_place()
    {
        FieldNames.Of("/financials/2/mainBusinessRevenue").ShouldBe("财务数据第3年 主营业务收入");
        FieldNames.Of("/somethingNew/deeper").ShouldBe("相关数据");
    }

    [Theory]
    [InlineData("∈ {medium, small, micro}", null, "属于：中型、小型、微型")]
    [InlineData("∉ {sse-main, sse-star}", null, "不属于：上海证券交易所主板上市、科创板上市")]
    [InlineData("∈ {provincial, national}", null, "属于：省级、国家级")]
    [InlineData("= true", null, "是")]
    [InlineData("= false", null, "否")]
    [InlineData("≥ 100", "万元", "≥ 100 万元")]
    [InlineData("all 8", null, "全部 8 项均须满足")]
    [InlineData("at least 2 of 4", null, "4 项中至少 2 项")]
    [InlineData("[0.02, 0.03)", null, "[0.02, 0.03)")]
    public void A_requirement_reads_in_Chinese(string required, string? unit, string expected) =>
        Requirements.Describe(required, unit).ShouldBe(expected);

    [Theory]
    [InlineData("system:startup", "系统（启动）")]
    [InlineData("system:daily-evaluation", "系统（每日评价）")]
    [InlineData("api-key:演示银行（杭州）", "接口密钥“演示银行（杭州）”")]
    public void A_job_or_a_key_reads_as_what_it_is(string actor, string expected)
    {
        AuditNames.IsPerson(actor).ShouldBeFalse();
        AuditNames.Actor(actor).ShouldBe(expected);
    }

    [Theory]
    [InlineData("EnterpriseFinancialYear", "2024", "年度财务数据 2024年")]
    [InlineData("EnterpriseRecognition", "innovative-sme@2023-03-01", "梯度认定 创新型中小企业（2023-03-01 认定）")]
    [InlineData("EnterpriseHonor", "high-tech-enterprise", "荣誉资质 高新技术企业")]
    [InlineData("EnterpriseRequest", "request:2026-12-06T17:13:36.8254285", "企业诉求")]
    public void An_audit_entry_names_what_it_changed(string entity, string key, string expected) =>
        AuditNames.Subject(entity, key).ShouldBe(expected);

    [Fact]
    public void Rule_versions_read_as_tier_version_and_jurisdiction()
    {
        DisplayNames.RuleVersions("specialized-sme@2026;hidden-champion@2016/33", code => code == "330000" ? "浙江省" : null)
            .ShouldBe("专精特新中小企业（2026年版）；浙江省隐形冠军企业（2016年版，浙江省）");
    }

    [Fact]
    public void Values_of_a_gap_read_without_JSON()
    {
        ValueText.Of(JsonNode.Parse("""[{"level":"international","role":"participate","year":2025}]""")).ShouldBe("国际标准·参与制定（2025年）");
        ValueText.Of(JsonNode.Parse("\"key-results\"")).ShouldBe("在产业链关键环节取得实际成效");
        ValueText.Of(JsonNode.Parse("true")).ShouldBe("是");
        ValueText.Of(JsonNode.Parse("[]")).ShouldBe("无");
    }

    [Fact]
    public void Certificate_numbers_read_as_official_numbers()
    {
        var prefix = CertificateNumber.Prefix("330000", "specialized-sme", 2026);
        prefix.ShouldBe("浙专精特新〔2026〕");
        CertificateNumber.Of(prefix, 1).ShouldBe("浙专精特新〔2026〕0001号");
        CertificateNumber.Of(CertificateNumber.Prefix("420000", "little-giant", 2027), 12).ShouldBe("鄂小巨人〔2027〕0012号");
        Should.Throw<ArgumentOutOfRangeException>(() => CertificateNumber.Of(prefix, 0));
    }

    [Fact]
    public void The_funding_levels_of_a_co_funded_clause_read_in_Chinese() =>
        DisplayNames.FundingLevel("city+district").ShouldBe("市级、区级");
}
