using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Cli.Commands;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary><c>tidu rules list/show/diff</c> as a user sees them: Chinese tables, JSON, and clear errors.</summary>
public sealed class RulesCommandTests
{
    private static readonly TimeProvider Today = new FixedClock(new DateTimeOffset(2026, 6, 30, 9, 0, 0, TimeSpan.FromHours(8)));

    private static CliRunner.Outcome Run(Func<TextWriter, TextWriter, int> command)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = command(stdout, stderr);
        return new CliRunner.Outcome(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void List_shows_every_rule_set_with_its_versions_and_citations()
    {
        var table = Run((o, e) => RulesCommand.RunList("table", null, o, e));
        table.ExitCode.ShouldBe(0, table.Stderr);
        foreach (var text in new[] { "specialized-sme", "little-giant", "innovative-sme", "size-class", "basic-conditions", "专精特新中小企业", "2022-08-01 至 2026-03-31", "2026-04-01 起", "工信部企业〔2026〕2号" })
        {
            table.Stdout.ShouldContain(text);
        }
        var json = Run((o, e) => RulesCommand.RunList("json", null, o, e));
        var sets = JsonNode.Parse(json.Stdout)!.AsArray();
        var little = sets.Single(s => s!["id"]!.GetValue<string>() == "little-giant")!;
        little["jurisdiction"]!.GetValue<string>().ShouldBe("national");
        little["file"]!.GetValue<string>().ShouldBe("national/little-giant.yaml");
        little["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()).ShouldBe(["2022", "2026"]);
    }

    [Theory]
    [InlineData("2026-03-31", "C1 从事特定细分市场时间达到2年以上", "≥ 2 年")]
    [InlineData("2026-04-01", "从事特定细分市场时间达到3年以上", "≥ 3 年")]
    public void Show_prints_the_version_in_force_with_thresholds_and_citations(string asOf, string title, string requirement)
    {
        var outcome = Run((o, e) => RulesCommand.RunShow("specialized-sme", asOf, null, "table", null, o, e, Today));
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        var row = outcome.Lines.Single(l => l.Contains(title, StringComparison.Ordinal));
        row.ShouldContain(requirement);
        row.ShouldContain("nicheMarketYears");
    }

    [Fact]
    public void Show_without_a_date_uses_today_and_json_lists_every_item()
    {
        var outcome = Run((o, e) => RulesCommand.RunShow("little-giant", null, null, "json", null, o, e, Today));
        var version = JsonNode.Parse(outcome.Stdout)!;
        version["version"]!.GetValue<string>().ShouldBe("2026");
        var debt = version["items"]!.AsArray().Single(i => i!["fact"]?.GetValue<string>() == "debtRatio")!;
        debt["fields"]!["le"]!.GetValue<string>().ShouldBe("0.75"); // 工信部企业〔2026〕2号: debt ratio ≤ 75%
        debt["cite"]!.GetValue<string>().ShouldContain("2号");
    }

    [Fact]
    public void Show_says_what_each_version_was_verified_against_and_marks_unverified_values()
    {
        // 工信部政法〔2023〕138号: articles 1–5 read in a full reprint; the numbers of its 认定标准 only in restatements.
        var outcome = Run((o, e) => RulesCommand.RunShow("single-champion-enterprise", "2024-01-01", null, "table", null, o, e, Today));
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Stdout.ShouldContain("核实：已核实，2026-12-06");
        outcome.Stdout.ShouldContain("工信部政法〔2023〕138号 第一条至第五条（全文转载，黄石市经济和信息化局网站全文转载（2023-09-27））");
        outcome.Lines.Single(l => l.Contains("single-champion.2023.market ", StringComparison.Ordinal) && l.Contains('│')).ShouldContain("待核实");
        outcome.Lines.Single(l => l.Contains("single-champion.2023.market.global ", StringComparison.Ordinal) && l.Contains('│')).ShouldContain("待核实"); // from its group
        outcome.Lines.Single(l => l.Contains("single-champion.2023.registered-in-mainland ", StringComparison.Ordinal) && l.Contains('│')).ShouldContain("已核实");
        var json = JsonNode.Parse(Run((o, e) => RulesCommand.RunShow("single-champion-enterprise", "2024-01-01", null, "json", null, o, e, Today)).Stdout)!;
        json["verification"]!["status"]!.GetValue<string>().ShouldBe("verified");
        json["verification"]!["values"]!["single-champion.2023.market"]!["status"]!.GetValue<string>().ShouldBe("unverified");
        var list = Run((o, e) => RulesCommand.RunList("table", null, o, e)).Stdout;
        list.ShouldContain("2023：2023-09-01 起（部分待核实）");
    }

    [Fact]
    public void Show_refuses_a_date_before_every_version_and_an_unknown_rule_set()
    {
        var early = Run((o, e) => RulesCommand.RunShow("specialized-sme", "2022-07-31", null, "table", null, o, e, Today));
        early.ExitCode.ShouldBe(2);
        early.Stderr.ShouldContain("no version of rule set 'specialized-sme'");
        early.Stderr.ShouldContain("2022 2022-08-01–2026-03-31");
        var unknown = Run((o, e) => RulesCommand.RunShow("hidden-giant", "2026-01-01", null, "table", null, o, e, Today));
        unknown.ExitCode.ShouldBe(2);
        unknown.Stderr.ShouldContain("no rule set 'hidden-giant'");
    }

    [Fact]
    public void Diff_of_the_specialized_sme_across_the_revision_shows_each_changed_threshold_with_both_citations()
    {
        var outcome = Run((o, e) => RulesCommand.RunDiff("specialized-sme", "2026-03-31", "2026-04-01", null, "table", null, o, e));
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        var text = outcome.Stdout;
        text.ShouldContain("2026-03-31 适用版本 2022");
        text.ShouldContain("2026-04-01 适用版本 2026");
        text.ShouldContain("≥ 2 → ≥ 3");       // niche market years (工信部企业〔2022〕63号 → 〔2026〕2号)
        text.ShouldContain("≥ 1000 → ≥ 1500"); // operating revenue
        text.ShouldContain("工信部企业〔2022〕63号 附件2 一（一）");
        text.ShouldContain("工信部企业〔2022〕63号 附件2 一（三）");
        text.ShouldContain("删除的项目");
        text.ShouldContain("新增的项目");

        var json = JsonNode.Parse(Run((o, e) => RulesCommand.RunDiff("specialized-sme", "2026-03-31", "2026-04-01", null, "json", null, o, e)).Stdout)!;
        var niche = json["changed"]!.AsArray().Single(c => c!["after"]!["fact"]?.GetValue<string>() == "nicheMarketYears")!;
        niche["citeBefore"]!.GetValue<string>().ShouldContain("63号");
        niche["citeAfter"]!.GetValue<string>().ShouldContain("2号");
    }

    [Fact]
    public void Diff_within_one_version_says_so()
    {
        var outcome = Run((o, e) => RulesCommand.RunDiff("specialized-sme", "2023-01-01", "2026-03-31", null, "table", null, o, e));
        outcome.ExitCode.ShouldBe(0);
        outcome.Stdout.ShouldContain("两个日期适用同一版本 2022，没有差异。");
        var bad = Run((o, e) => RulesCommand.RunDiff("specialized-sme", "2026-3-31", "2026-04-01", null, "table", null, o, e));
        bad.ExitCode.ShouldBe(2);
        bad.Stderr.ShouldContain("--from '2026-3-31' is not a date");
    }

    [Fact]
    public void The_program_has_the_rules_and_replay_commands()
    {
        var outcome = CliRunner.Process("rules", "diff", "little-giant", "--from", "2026-03-31", "--to", "2026-04-01");
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Stdout.ShouldContain("≤ 0.7 → ≤ 0.75"); // debt ratio ≤ 70% → ≤ 75%
        CliRunner.Process("replay", "--help").Stdout.ShouldContain("--results");
    }
}
