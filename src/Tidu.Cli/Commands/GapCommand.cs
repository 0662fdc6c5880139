using System.CommandLine;
using Tidu.Cli.Batches;
using Tidu.Cli.Output;
using Tidu.Domain.Profiles;
using Tidu.Rules.Batches;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;

namespace Tidu.Cli.Commands;

/// <summary><c>tidu gap FILE [--as-of DATE] [--tier ID | --next] [--format jsonl|table] [--rules DIR]</c>.</summary>
internal static class GapCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "企业档案文件（交换格式 v1/v1.1）；- 表示标准输入" };
        var asOf = new Option<string?>("--as-of") { Description = "评价日期 YYYY-MM-DD（默认今天）；按该日期选用有效的规则版本" };
        var tier = new Option<string?>("--tier") { Description = "只分析该梯度（如 specialized-sme），并先列出须先取得的梯度的差距；默认分析所有未符合的梯度" };
        var next = new Option<bool>("--next") { Description = "下一梯度建议：按已获称号找出梯度阶梯的下一级，给出其差距" };
        var format = new Option<string>("--format") { Description = "输出格式", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var rules = new Option<DirectoryInfo?>("--rules") { Description = "规则文件目录（默认使用随程序发布的 rules/）" };
        var command = new Command("gap", "差距分析：对每个未符合的梯度，给出满足所需的最小数据调整（已代入重新评价验证），以及无法仅靠数据调整满足的事项。")
        {
            file, asOf, tier, next, format, rules,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file)!,
            parse.GetValue(asOf),
            parse.GetValue(tier),
            parse.GetValue(next),
            parse.GetValue(format)!,
            parse.GetValue(rules),
            Console.Out,
            Console.Error,
            TimeProvider.System));
        return command;
    }

    public static int Run(FileInfo file, string? asOfText, string? tier, bool next, string format, DirectoryInfo? rulesDir, TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        Run(file, asOfText, tier, next, format, rulesDir, stdout, stderr, clock, null);

    /// <summary>The command with a test seam: <paramref name="beforeEach"/> runs first inside each record's isolation.</summary>
    internal static int Run(FileInfo file, string? asOfText, string? tier, bool next, string format, DirectoryInfo? rulesDir, TextWriter stdout, TextWriter stderr, TimeProvider clock,
        Action<EnterpriseProfile>? beforeEach)
    {
        if (!TrySetUp(asOfText, tier, next, rulesDir, clock, stderr, out var evaluator, out var asOf))
        {
            return ExitCodes.Failure;
        }
        if (!InputFile.TryOpen(file, stderr, out var input))
        {
            return ExitCodes.Failure;
        }
        var analyzer = new GapAnalyzer(evaluator);
        var question = new GapQuestion(tier, next);
        BatchTally tally;
        using (input)
        {
            using var sink = GapSink.For(format, stdout, asOf);
            tally = ProfileBatch.Run(input, stderr, p => sink.Render(p, question.Ask(analyzer, p, asOf)), (_, r) => sink.Add(r), beforeEach);
        }
        tally.WriteSummary(stderr);
        return tally.ExitCode;
    }

    /// <summary>The rules and date of a gap run, and its <c>--tier</c>/<c>--next</c> checked against them (also for <c>tidu cluster gap</c>).</summary>
    internal static bool TrySetUp(string? asOfText, string? tier, bool next, DirectoryInfo? rulesDir, TimeProvider clock, TextWriter stderr,
        out Evaluator evaluator, out DateOnly asOf)
    {
        evaluator = null!;
        asOf = default;
        if (tier is not null && next)
        {
            stderr.WriteLine("error: --tier and --next cannot be used together");
            return false;
        }
        if (!EvaluatorSetup.TryCreate(asOfText, rulesDir, clock, stderr, out evaluator, out asOf))
        {
            return false;
        }
        if (tier is not null && evaluator.Library.Tiers.All(t => t.Id != tier))
        {
            stderr.WriteLine($"error: --tier '{tier}' is not a tier of the rules; tiers: {string.Join(", ", evaluator.Library.Tiers.Select(t => t.Id))}");
            return false;
        }
        return true;
    }
}
