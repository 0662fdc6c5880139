using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Cli.Commands;
using Xunit;

namespace Tidu.Cli.Tests;

public sealed class GapCommandTests
{
    private static string Example(string name) => Path.Combine(CliRunner.Examples, name);

    private static CliRunner.Outcome Gap(string file, string? asOf, string? tier = null, bool next = false, string format = "jsonl")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GapCommand.Run(new FileInfo(file), asOf, tier, next, format, null, stdout, stderr, FixedClock.TestDay);
        return new CliRunner.Outcome(code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("2026-03-31", "2022")]
    [InlineData("2026-04-01", "2026")]
    public void Every_failed_tier_gets_a_line_with_changes_and_an_outcome(string asOf, string specializedVersion)
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), asOf);
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Lines.ShouldNotBeEmpty();
        foreach (var line in outcome.Lines.Select(l => JsonNode.Parse(l)!))
        {
            line["creditCode"]!.GetValue<string>().Length.ShouldBe(18);
            line["qualified"]!.GetValue<bool>().ShouldBeFalse();
            line["note"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            var reachable = line["reachable"]!.GetValue<bool>();
            reachable.ShouldBe(line["blockers"]!.AsArray().Count == 0 && line["verified"]!.GetValue<bool>());
            foreach (var c in line["changes"]!.AsArray())
            {
                c!["path"]!.GetValue<string>().ShouldStartWith("/");
                c["check"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
                c.AsObject().ContainsKey("current").ShouldBeTrue();
                c["needed"].ShouldNotBeNull();
            }
            if (line["tier"]!.GetValue<string>() == "specialized-sme")
            {
                line["ruleVersion"]!.GetValue<string>().ShouldBe(specializedVersion);
            }
        }
    }

    [Fact]
    public void A_tier_is_analysed_after_the_rungs_it_needs()
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), "2026-03-31", tier: "little-giant");
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        var lines = outcome.Lines.Select(l => JsonNode.Parse(l)!).ToList();
        lines.ShouldContain(l => l["tier"]!.GetValue<string>() == "little-giant");
        var prerequisite = lines.First(l => l["blockers"]!.AsArray().Any(b => b!["kind"]!.GetValue<string>() == "prerequisite"));
        lines.IndexOf(prerequisite).ShouldBeGreaterThan(0);
        lines[lines.IndexOf(prerequisite) - 1]["tier"]!.GetValue<string>().ShouldBe("specialized-sme");
    }

    /// <summary>
    /// A small industrial firm whose only shortfall under the 2026 revision is its time in the niche market (since
    /// 2023-01-02: under 3 full years on 2026-06-30), and whose input counts more applied class-I items (6) than
    /// class-I items (4). The gap analysis used to stop the whole run on it ("Sequence contains no matching element").
    /// </summary>
    private const string TimeBlockedWithMoreAppliedThanClassI = """
        {"creditCode":"91330106MA2KX7QP3W","name":"细分市场三年未满有限公司","regionCode":"330106","industryCode":"C3484",
         "nicheMarketSince":"2023-01-02",
         "mainProduct":{"name":"精密减速器","strategicEmergingIndustry":true,"chainContribution":"key-results","keyField":true,
           "domesticMarketShare":0.12,"domesticMarketRank":3,"marketPositionLeading":true,"revenueShare":0.85},
         "financials":[
           {"year":2023,"operatingRevenue":6000,"mainBusinessRevenue":5700,"rdExpense":600,"netProfit":600,"totalAssets":9000,"totalLiabilities":4000,"employees":180,"rdStaff":50,"newQualifiedEquityFinancing":0},
           {"year":2024,"operatingRevenue":7000,"mainBusinessRevenue":6650,"rdExpense":770,"netProfit":700,"totalAssets":9500,"totalLiabilities":4200,"employees":190,"rdStaff":55,"newQualifiedEquityFinancing":0},
           {"year":2025,"operatingRevenue":8000,"mainBusinessRevenue":7600,"rdExpense":960,"netProfit":800,"totalAssets":10000,"totalLiabilities":4500,"employees":200,"rdStaff":60,"newQualifiedEquityFinancing":0}],
         "intellectualProperty":{"classI":4,"classISelfDeveloped":2,"classIHighValue":1,"classIApplied":6,"classII":5},
         "rdInstitution":"provincial","digitalLevel":3,"coreBusinessOnInformationSystem":true,
         "quality":{"provincialQualityAward":false,"managementSystemCertifications":["ISO9001"],"developedMarketProductCertification":true,"ownBrand":true},
         "standards":[{"level":"industry","role":"participate","year":2024}],
         "honors":[{"kind":"tech-sme","year":2025,"validUntil":"2026-12-31"}],
         "recognitions":[{"tier":"innovative-sme","recognizedOn":"2024-09-01","validUntil":"2027-08-31"}],
         "qualityEvaluations":[{"year":2025,"score":55},{"year":2026,"score":60}]}
        """;

    [Theory]
    [InlineData("specialized-sme")]
    [InlineData("little-giant")]
    [InlineData(null)]
    public void A_time_blocker_on_an_input_with_more_applied_than_class_i_items_is_reported_not_a_crash(string? tier)
    {
        var file = CliRunner.WriteTemp(TimeBlockedWithMoreAppliedThanClassI.ReplaceLineEndings(" ") + "\n");
        var outcome = Gap(file, "2026-06-30", tier);
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        var lines = outcome.Lines.Select(l => JsonNode.Parse(l)!).ToList();
        var specialized = lines.Where(l => l["tier"]!.GetValue<string>() == "specialized-sme").ShouldHaveSingleItem();
        var blocker = specialized["blockers"]!.AsArray().ShouldHaveSingleItem()!;
        blocker["kind"]!.GetValue<string>().ShouldBe("time");
        blocker["earliest"]!.GetValue<string>().ShouldBe("2027-01-01");
        specialized["changes"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public void Next_tier_advice_marks_its_lines()
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), "2026-06-30", next: true);
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Lines.Select(l => JsonNode.Parse(l)!).ShouldContain(l => l["next"] != null && l["next"]!.GetValue<bool>());
    }

    [Fact]
    public void The_table_is_in_chinese()
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), "2026-03-31", format: "table");
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Stdout.ShouldContain("专精特新");
        outcome.Stdout.ShouldContain("需要");
        // Fields by their Chinese names and years, never as JSON Pointers (the JSON lines keep the pointers).
        outcome.Stdout.ShouldNotContain("/financials/");
        outcome.Stdout.ShouldNotContain("/mainProduct/");
        outcome.Stdout.ShouldMatch(@"20\d\d年 (研发费用|主营业务收入|营业收入)");
    }

    [Fact]
    public void An_unknown_tier_is_an_error_that_lists_the_tiers()
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), "2026-03-31", tier: "giant");
        outcome.ExitCode.ShouldBe(2);
        outcome.Stderr.ShouldContain("little-giant");
        outcome.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Tier_and_next_together_are_refused() =>
        Gap(Example("three-enterprises-v1.1.json"), "2026-03-31", tier: "little-giant", next: true).ExitCode.ShouldBe(2);

    [Fact]
    public void The_program_has_a_gap_command()
    {
        var outcome = CliRunner.Process("gap", Example("two-enterprises.json"), "--as-of", "2026-03-31", "--tier", "specialized-sme");
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Lines.ShouldNotBeEmpty();
    }
}
