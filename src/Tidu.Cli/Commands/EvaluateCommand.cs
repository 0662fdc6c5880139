using System.CommandLine;
using System.Text.Json;
using Tidu.Cli.Output;
using Tidu.Domain.Exchange;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Files;

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

    public static int Run(FileInfo file, string? asOfText, string format, DirectoryInfo? rulesDir, bool noChecks, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        if (!EvaluatorSetup.TryCreate(asOfText, rulesDir, clock, stderr, out var evaluator, out var asOf))
        {
            return ExitCodes.Failure;
        }

        Stream input;
        try
        {
            input = file.Name == "-" ? Console.OpenStandardInput() : file.OpenRead();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read {file.FullName}: {ex.Message}");
            return ExitCodes.Failure;
        }

        var invalid = 0;
        var results = new List<EnterpriseEvaluation>();
        using (input)
        {
            using var sink = ResultSink.For(format, stdout, noChecks);
            foreach (var record in ProfileReader.Read(input))
            {
                if (record.Profile is null)
                {
                    invalid++;
                    foreach (var e in record.Errors)
                    {
                        stderr.WriteLine($"invalid record {e}");
                    }
                    continue;
                }
                sink.Add(evaluator.Evaluate(record.Profile, asOf, explain: !noChecks));
            }
        }
        if (invalid > 0)
        {
            stderr.WriteLine($"{invalid} invalid record(s) skipped");
            return ExitCodes.InvalidRecords;
        }
        return ExitCodes.Ok;
    }
}
