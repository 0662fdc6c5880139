using System.CommandLine;
using Tidu.Cli.Batches;
using Tidu.Cli.Output;
using Tidu.Domain.Profiles;
using Tidu.Rules.Batches;

namespace Tidu.Cli.Commands;

/// <summary><c>tidu evaluate FILE [--as-of DATE] [--format jsonl|json|table] [--rules DIR]</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "企业档案文件（交换格式 v1/v1.1）：单个 JSON 对象、JSON 数组或 JSON Lines；- 表示标准输入" };
        var asOf = new Option<string?>("--as-of") { Description = "评价日期 YYYY-MM-DD（默认今天）；按该日期选用有效的规则版本" };
        var format = new Option<string>("--format") { Description = "输出格式", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "json", "table");
        var rules = new Option<DirectoryInfo?>("--rules") { Description = "规则文件目录（默认使用随程序发布的 rules/）" };
        var noChecks = new Option<bool>("--no-checks") { Description = "只输出结论与得分，不输出逐项检查" };
        var command = new Command("evaluate", "按评价日期评价企业：规模类型、创新型中小企业、专精特新中小企业、“小巨人”，逐项给出实际值、要求值与依据。")
        {
            file, asOf, format, rules, noChecks,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file)!,
            parse.GetValue(asOf),
            parse.GetValue(format)!,
            parse.GetValue(rules),
            parse.GetValue(noChecks),
            Console.Out,
            Console.Error,
            TimeProvider.System));
        return command;
    }

    public static int Run(FileInfo file, string? asOfText, string format, DirectoryInfo? rulesDir, bool noChecks, TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        Run(file, asOfText, format, rulesDir, noChecks, stdout, stderr, clock, null);

    /// <summary>The command with a test seam: <paramref name="beforeEach"/> runs first inside each record's isolation.</summary>
    internal static int Run(FileInfo file, string? asOfText, string format, DirectoryInfo? rulesDir, bool noChecks, TextWriter stdout, TextWriter stderr, TimeProvider clock,
        Action<EnterpriseProfile>? beforeEach)
    {
        if (!EvaluatorSetup.TryCreate(asOfText, rulesDir, clock, stderr, out var evaluator, out var asOf) || !InputFile.TryOpen(file, stderr, out var input))
        {
            return ExitCodes.Failure;
        }
        BatchTally tally;
        using (input)
        {
            using var sink = ResultSink.For(format, stdout, noChecks, evaluator.Library, asOf);
            tally = ProfileBatch.Run(input, stderr, p => sink.Render(evaluator.Evaluate(p, asOf, explain: !noChecks)), (_, r) => sink.Add(r), beforeEach);
        }
        tally.WriteSummary(stderr);
        return tally.ExitCode;
    }
}
