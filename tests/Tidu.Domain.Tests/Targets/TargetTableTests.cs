using Shouldly;
using Tidu.Domain.Targets;
using Xunit;

namespace Tidu.Domain.Tests.Targets;

/// <summary>The shipped targets equal the seed texts (numbers typed here from the seeds, not from the CSV).</summary>
public sealed class TargetTableTests
{
    [Theory]
    // 浙政办发〔2022〕19号 一（二）: 到2025年，累计培育创新型中小企业5万家以上、省级“专精特新”中小企业1万家以上、省级“隐形冠军”企业500家、国家专精特新“小巨人”企业1000家，新增国家制造业单项冠军企业130家左右
    [InlineData("33", "innovative-sme", "target", "ge", 50000, "2025-12-31", "000")]
    [InlineData("33", "specialized-sme", "target", "ge", 10000, "2025-12-31", "000")]
    [InlineData("33", "hidden-champion", "target", "eq", 500, "2025-12-31", "000")]
    [InlineData("33", "little-giant", "target", "eq", 1000, "2025-12-31", "000")]
    [InlineData("33", "single-champion-enterprise", "target", "approx", 130, "2025-12-31", "000")]
    // the district's draft opinions 一: 力争到2025年，累计培育省级“专精特新”中小企业500家以上、省级“隐形冠军”企业25家、国家级专精特新“小巨人”企业100家、国家制造业单项冠军企业12家左右
    [InlineData("330108", "specialized-sme", "target", "ge", 500, "2025-12-31", "001")]
    [InlineData("330108", "hidden-champion", "target", "eq", 25, "2025-12-31", "001")]
    [InlineData("330108", "little-giant", "target", "eq", 100, "2025-12-31", "001")]
    [InlineData("330108", "single-champion-enterprise", "target", "approx", 12, "2025-12-31", "001")]
    // Hubei's 2023 measures 一: 到“十四五”末，创新型中小企业数量达到10000家 … 专精特新中小企业达到5000家 … “小巨人”企业达到500家以上
    [InlineData("42", "innovative-sme", "target", "ge", 10000, "2025-12-31", "002")]
    [InlineData("42", "specialized-sme", "target", "ge", 5000, "2025-12-31", "002")]
    [InlineData("42", "little-giant", "target", "ge", 500, "2025-12-31", "002")]
    // the 2024 report on Zhejiang's opinions: 截至今年一季度，浙江已累计培育专精特新“小巨人”企业1432家 … 认定省级专精特新中小企业12167家、评价创新型中小企业28553家
    [InlineData("33", "little-giant", "actual", "eq", 1432, "2024-03-31", "004")]
    [InlineData("33", "specialized-sme", "actual", "eq", 12167, "2024-03-31", "004")]
    [InlineData("33", "innovative-sme", "actual", "eq", 28553, "2024-03-31", "004")]
    public void Shipped_numbers_equal_the_seed_text(string jurisdiction, string tier, string kind, string comparator, int count, string date, string seed)
    {
        var t = TargetTable.Shipped.Single(x => x.Jurisdiction == jurisdiction && x.Tier == tier && x.Kind == kind);
        t.Count.ShouldBe(count);
        t.Comparator.ShouldBe(comparator);
        t.Date.ShouldBe(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        t.Seed.ShouldBe(seed);
        t.Cite.ShouldContain(t.Document);
    }

    [Fact]
    public void Every_row_is_tested_above() => TargetTable.Shipped.Count.ShouldBe(15);

    [Fact]
    public void A_malformed_line_is_named() =>
        Should.Throw<FormatException>(() => TargetTable.Parse(new StringReader("jurisdiction,tier,kind,comparator,count,date,scope,document,seed,clause\n33,x,target,ge,many,2025-12-31,cumulative,d,000,c\n")))
            .Message.ShouldContain("line 2");
}
