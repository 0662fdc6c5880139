using System.CommandLine;
using System.Text.Json;
using Tidu.Cli.Batches;
using Tidu.Cli.Policies;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Batches;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Model;
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
        TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        Run(file, asOfText, region, projectsFile, format, rulesDir, stdout, stderr, clock, null);

    /// <summary>One enterprise's awards, rendered for the format (inside its record's isolation).</summary>
    private sealed record Rendered(EnterpriseAwards Awards, string? Json);

    /// <summary>The command with a test seam: <paramref name="beforeEach"/> runs first inside each record's isolation.</summary>
    internal static int Run(FileInfo file, string? asOfText, string region, FileInfo? projectsFile, string format, DirectoryInfo? rulesDir,
        TextWriter stdout, TextWriter stderr, TimeProvider clock, Action<EnterpriseProfile>? beforeEach)
    {
        if (!PolicySetup.TryCheckRegion(region, stderr)
            || !TryCreateMatcher(asOfText, rulesDir, clock, stderr, out var matcher)
            || !PolicySetup.TryLoadProjects(projectsFile, stderr, out var projects, out var invalidProjects)
            || !InputFile.TryOpen(file, stderr, out var input))
        {
            return ExitCodes.Failure;
        }
        var results = new List<Rendered>();
        BatchTally tally;
        using (input)
        {
            tally = ProfileBatch.Run(input, stderr,
                p => RegionTree.Shipped.MatchesFilter(p.RegionCode, region) ? Render(matcher.Match(p, projects.GetValueOrDefault(p.CreditCode) ?? []), format) : null,
                (_, r) => results.Add(r), beforeEach);
        }
        Write(stdout, results, format, matcher.AsOf);
        tally.WriteSummary(stderr, tally.Invalid + invalidProjects > 0 ? $"{tally.Invalid} invalid record(s) and {invalidProjects} invalid project(s) skipped" : null,
            $"registered outside {region}");
        return invalidProjects > 0 ? ExitCodes.InvalidRecords : tally.ExitCode;
    }

    /// <summary>
    /// The date, the tier rules and the policy catalogue. Only the size-class table must be in force on the date: a tier
    /// without criteria then is "not assessable" for each enterprise, and the clauses in force are matched all the same.
    /// </summary>
    private static bool TryCreateMatcher(string? asOfText, DirectoryInfo? rulesDir, TimeProvider clock, TextWriter stderr, out AwardMatcher matcher)
    {
        matcher = null!;
        if (!AsOfDate.TryResolve(asOfText, clock, out var asOf, out var dateError))
        {
            stderr.WriteLine($"error: {dateError}");
            return false;
        }
        if (!RuleLoading.TryLoad(rulesDir, stderr, out var library) || !PolicySetup.TryLoadCatalog(rulesDir, null, stderr, out var catalog))
        {
            return false;
        }
        if (!AwardMatcher.Covers(library, asOf))
        {
            stderr.WriteLine($"error: {new RuleNotInForceException(library.SizeClass.Id, asOf, library.SizeClass.Versions.Select(v => v.Info).ToList()).Message}");
            return false;
        }
        matcher = new AwardMatcher(library, new AwardCalculator(catalog, RegionTree.Shipped), asOf);
        return true;
    }

    private static Rendered Render(EnterpriseAwards awards, string format)
    {
        if (format == "table")
        {
            return new Rendered(awards, null);
        }
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, EvaluationJsonWriter.Options with { Indented = format == "json" }))
        {
            AwardsJsonWriter.Write(w, awards);
        }
        return new Rendered(awards, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Write(TextWriter stdout, List<Rendered> results, string format, DateOnly asOf)
    {
        switch (format)
        {
            case "table":
                AwardsTable.Write(stdout, results.Select(r => r.Awards).ToList(), asOf);
                break;
            case "json":
                stdout.WriteLine("[" + string.Join(",", results.Select(r => r.Json)) + "]");
                break;
            default:
                foreach (var r in results)
                {
                    stdout.WriteLine(r.Json);
                }
                break;
        }
    }
}
