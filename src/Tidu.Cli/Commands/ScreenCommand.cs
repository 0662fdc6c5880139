using System.CommandLine;
using System.Diagnostics;
using Tidu.Cli.Output;
using Tidu.Cli.Screening;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Screening;

namespace Tidu.Cli.Commands;

/// <summary><c>tidu screen FILE --as-of DATE --out RESULTS.jsonl [--errors ERRORS.jsonl] [--explain]</c>.</summary>
internal static class ScreenCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "企业档案文件（JSON Lines 推荐，流式读取）" };
        var asOf = new Option<string?>("--as-of") { Description = "评价日期 YYYY-MM-DD（默认今天）" };
        var output = new Option<FileInfo>("--out") { Description = "结果文件（JSON Lines，与 evaluate 相同格式：首行为规则版本说明，其后每行一家企业，按输入顺序）", Required = true };
        var errors = new Option<FileInfo?>("--errors") { Description = "无效记录文件（JSON Lines：记录位置、字段路径、原因）" };
        var explain = new Option<bool>("--explain") { Description = "结果中包含逐项检查（文件会大很多）" };
        var rules = new Option<DirectoryInfo?>("--rules") { Description = "规则文件目录" };
        var command = new Command("screen", "筛查整个地区的企业（政策找企业）：流式读取、多核评价、按输入顺序输出，并汇总各梯度符合数量与“差一项”企业。")
        {
            file, asOf, output, errors, explain, rules,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(asOf), parse.GetValue(output)!, parse.GetValue(errors),
            parse.GetValue(explain), parse.GetValue(rules), Console.Out, Console.Error, TimeProvider.System));
        return command;
    }

    public static int Run(FileInfo file, string? asOfText, FileInfo output, FileInfo? errorsFile, bool explain, DirectoryInfo? rulesDir,
        TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        if (!EvaluatorSetup.TryCreate(asOfText, rulesDir, clock, stderr, out var evaluator, out var asOf))
        {
            return ExitCodes.Failure;
        }
        ScreenSummary summary;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var input = file.OpenRead();
            output.Directory?.Create(); // the folder of --out is made (the README writes to out/, git-ignored)
            using var results = ResultFileStream.Create(output.FullName);
            using var errors = errorsFile is null ? null : new FileStream(errorsFile.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            results.Write(ResultFileHeader.Line(evaluator.Library, asOf)); // the rule versions, described once for every line
            var pipeline = new ScreenPipeline(evaluator, asOf, explain);
            summary = ScreenProgress.Run(input, stderr, progress => pipeline.Run(input, results, errors, progress, stderr));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        stopwatch.Stop();
        return Report(summary, asOf, stopwatch.Elapsed, errorsFile, stdout, stderr);
    }

    /// <summary>The closing table and the exit code of a screening run (on one machine or a cluster).</summary>
    public static int Report(ScreenSummary summary, DateOnly asOf, TimeSpan elapsed, FileInfo? errorsFile, TextWriter stdout, TextWriter stderr)
    {
        SummaryTable.Write(stdout, summary, asOf, elapsed);
        if (summary.Invalid > 0 || summary.Failed > 0)
        {
            var what = summary.Failed == 0 ? $"{summary.Invalid} invalid record(s) skipped" : $"{summary.Invalid} invalid and {summary.Failed} failed record(s) skipped";
            stderr.WriteLine(what + (errorsFile is null ? " (use --errors FILE for the list)" : $"; see {errorsFile.FullName}"));
            return ExitCodes.InvalidRecords;
        }
        return ExitCodes.Ok;
    }
}
