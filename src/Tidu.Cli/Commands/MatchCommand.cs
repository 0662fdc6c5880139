using System.CommandLine;
using System.Text.Json;
using Tidu.Cli.Policies;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Policies;

namespace Tidu.Cli.Commands;

/// <summary><c>tidu match FILE --as-of DATE --jurisdiction REGION [--projects FILE] [--format jsonl|json|table] [--rules DIR]</c>.</summary>
internal static class MatchCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "企业档案文件（交换格式 v1/v1.1）" };
        var asOf = new Option<string?>("--as-of") { Description = "日期 YYYY-MM-DD（默认今天）：在施行的条款、有效的认定、上年度数据" };
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "地区（行政区划代码，如 330108、42）：只匹配注册在该地区的企业", Required = true };
        var projects = new Option<FileInfo?>("--projects") { Description = "项目文件（JSON Lines 或 JSON 数组，见 docs/projects-file.md）" };
        var format = new Option<string>("--format") { Description = "输出格式", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "json", "table");
        var rules = new Option<DirectoryInfo?>("--rules") { Description = "规则文件目录" };
        var command = new Command("match", "政策找企业：列出每家企业可申领的条款、金额、计算过程与依据（从高、从优、不重复），以及差一项即可享受的条款。")
        {
            file, asOf, jurisdiction, projects, format, rules,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(asOf), parse.GetValue(jurisdiction)!, parse.GetValue(projects), parse.GetValue(format)!,
            parse.GetValue(rules), Console.Out, Console.Error, TimeProvider.System));
        return command;
    }

    public static int Run(FileInfo file, string? asOfText, string region, FileInfo? projectsFile, string format, DirectoryInfo? rulesDir,
        TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        if (!PolicySetup.TryCheckRegion(region, stderr)
            || !EvaluatorSetup.TryCreate(asOfText, rulesDir, clock, stderr, out var evaluator, out var asOf)
            || !PolicySetup.TryLoadCatalog(rulesDir, null, stderr, out var catalog)
            || !PolicySetup.TryLoadProjects(projectsFile, stderr, out var projects, out var invalidProjects))
        {
            return ExitCodes.Failure;
        }
        var calculator = new AwardCalculator(catalog, RegionTree.Shipped);
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
        var results = new List<EnterpriseAwards>();
        using (input)
        {
            foreach (var record in ProfileReader.Read(input))
            {
                if (record.Profile is not { } profile)
                {
                    invalid++;
                    foreach (var e in record.Errors)
                    {
                        stderr.WriteLine($"invalid record {e}");
                    }
                    continue;
                }
                if (!RegionTree.Shipped.MatchesFilter(profile.RegionCode, region))
                {
                    continue;
                }
                var evaluation = evaluator.Evaluate(profile, asOf, EvaluationDetail.Outcome);
                results.Add(calculator.Match(profile, asOf, projects.GetValueOrDefault(profile.CreditCode) ?? [], evaluation));
            }
        }
        Write(stdout, results, format, asOf);
        if (invalid + invalidProjects > 0)
        {
            stderr.WriteLine($"{invalid} invalid record(s) and {invalidProjects} invalid project(s) skipped");
            return ExitCodes.InvalidRecords;
        }
        return ExitCodes.Ok;
    }

    private static void Write(TextWriter stdout, List<EnterpriseAwards> results, string format, DateOnly asOf)
    {
        if (format == "table")
        {
            AwardsTable.Write(stdout, results, asOf);
            return;
        }
        using var buffer = new MemoryStream();
        var options = EvaluationJsonWriter.Options with { Indented = format == "json" };
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            if (format == "json")
            {
                w.WriteStartArray();
            }
            foreach (var r in results)
            {
                AwardsJsonWriter.Write(w, r);
                if (format == "jsonl")
                {
                    w.Flush();
                    buffer.WriteByte((byte)'\n');
                    w.Reset();
                }
            }
            if (format == "json")
            {
                w.WriteEndArray();
            }
        }
        stdout.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        if (format == "json")
        {
            stdout.WriteLine();
        }
    }
}
