using System.CommandLine;
using System.Diagnostics;
using Tidu.Cli.Batches;
using Tidu.Cli.Output;
using Tidu.Cli.Policies;
using Tidu.Cli.Simulation;
using Tidu.Domain.Profiles;
using Tidu.Rules.Batches;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Reforms;

namespace Tidu.Cli.Commands;

/// <summary><c>tidu simulate FILE --as-of DATE --reform REFORM.yaml --out RESULT.json [--jurisdiction R] [--projects FILE] [--rules DIR]</c>.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "企业档案文件（JSON Lines 推荐，流式读取）" };
        var asOf = new Option<string?>("--as-of") { Description = "模拟日期 YYYY-MM-DD（默认今天），不得早于改革生效日" };
        var reformFile = new Option<FileInfo>("--reform") { Description = "改革方案（YAML：按规则集、版本、检查项/条款、参数修改数值）", Required = true };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "只模拟注册在该地区的企业（行政区划代码）" };
        var projects = new Option<FileInfo?>("--projects") { Description = "项目文件（见 docs/projects-file.md）" };
        var output = new Option<FileInfo>("--out") { Description = "结果文件（JSON）", Required = true };
        var rules = new Option<DirectoryInfo?>("--rules") { Description = "规则文件目录" };
        var command = new Command("simulate", "改革模拟：比较基线与改革方案下各梯度符合数量（按规模、地区）、梯度变化企业及其原因、各条款和各级财政的奖补预算。")
        {
            file, asOf, reformFile, jurisdiction, projects, output, rules,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(asOf), parse.GetValue(reformFile)!, parse.GetValue(jurisdiction), parse.GetValue(projects),
            parse.GetValue(output)!, parse.GetValue(rules), Console.Out, Console.Error, TimeProvider.System));
        return command;
    }

    public static int Run(FileInfo file, string? asOfText, FileInfo reformFile, string? region, FileInfo? projectsFile, FileInfo output, DirectoryInfo? rulesDir,
        TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        Run(file, asOfText, reformFile, region, projectsFile, output, rulesDir, stdout, stderr, clock, null);

    /// <summary>The command with a test seam: <paramref name="beforeEach"/> runs first inside each record's isolation.</summary>
    internal static int Run(FileInfo file, string? asOfText, FileInfo reformFile, string? region, FileInfo? projectsFile, FileInfo output, DirectoryInfo? rulesDir,
        TextWriter stdout, TextWriter stderr, TimeProvider clock, Action<EnterpriseProfile>? beforeEach)
    {
        if (TrySetUp(asOfText, reformFile, region, projectsFile, rulesDir, clock, stderr) is not { } run)
        {
            return ExitCodes.Failure;
        }
        var stopwatch = Stopwatch.StartNew();
        SimulationTotals totals;
        BatchTally tally;
        try
        {
            using var input = file.OpenRead();
            (totals, tally) = new SimulatePipeline(run.Setup.Simulator, run.AsOf, region, beforeEach).Run(input, _ => { }, line => stderr.WriteLine(Printable.Of(line)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        stopwatch.Stop();
        return Report(run, region, totals, tally, stopwatch.Elapsed, output, stdout, stderr);
    }

    /// <summary>A simulation ready to run: its date, its two sides, and how many projects were invalid (reported already).</summary>
    internal sealed record Prepared(DateOnly AsOf, Evaluator Baseline, SimulationSetup Setup, int InvalidProjects);

    /// <summary>Checks and loads everything a simulation needs (also for <c>tidu cluster simulate</c>); null when something was reported.</summary>
    internal static Prepared? TrySetUp(string? asOfText, FileInfo reformFile, string? region, FileInfo? projectsFile, DirectoryInfo? rulesDir, TimeProvider clock,
        TextWriter stderr)
    {
        if (!PolicySetup.TryCheckRegion(region, stderr)
            || !EvaluatorSetup.TryCreate(asOfText, rulesDir, clock, stderr, out var baselineEvaluator, out var asOf)
            || !PolicySetup.TryLoadCatalog(rulesDir, null, stderr, out var baselineCatalog)
            || !PolicySetup.TryLoadProjects(projectsFile, stderr, out var projects, out var invalidProjects))
        {
            return null;
        }
        try
        {
            return new Prepared(asOf, baselineEvaluator,
                SimulationSetup.Load(baselineEvaluator, baselineCatalog, rulesDir?.FullName, reformFile.FullName, asOf, projects), invalidProjects);
        }
        catch (SimulationSetupException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            return null;
        }
    }

    /// <summary>Writes the result file, the table on stdout and the counts on stderr (also for <c>tidu cluster simulate</c>); returns the exit code.</summary>
    internal static int Report(Prepared run, string? region, SimulationTotals totals, BatchTally tally, TimeSpan elapsed, FileInfo output, TextWriter stdout,
        TextWriter stderr)
    {
        var targets = TargetProgress.For(region, totals);
        try
        {
            output.Directory?.Create(); // the folder of --out is made (the README writes to out/, git-ignored)
            using (var result = new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                SimulationJson.Write(result, run.Setup.Reform, run.AsOf, region, totals, tally, run.Setup.ReformedCatalog, targets);
            }
            SimulationTable.Write(stdout, run.Setup.Reform, run.AsOf, totals, run.Setup.ReformedCatalog, run.Setup.ReformedRules.Index, targets, elapsed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        tally.WriteSummary(stderr, tally.Invalid + run.InvalidProjects > 0 ? $"{tally.Invalid} invalid record(s) and {run.InvalidProjects} invalid project(s) skipped" : null,
            region is null ? "outside the run's scope" : $"registered outside {region}");
        return run.InvalidProjects > 0 ? ExitCodes.InvalidRecords : tally.ExitCode;
    }
}
