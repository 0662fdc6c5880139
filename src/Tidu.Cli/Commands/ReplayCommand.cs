using System.CommandLine;
using Tidu.Cli.Output;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Replay;

namespace Tidu.Cli.Commands;

/// <summary>
/// <c>tidu replay --results RESULTS.jsonl --profiles PROFILES.jsonl [--rules DIR] [--as-of DATE] [--format jsonl|table]</c>:
/// after a rule value is corrected, who flips and why. Reads the results twice (versions first, then replay) so
/// nothing is written when the results were made under versions the corrected rules do not have.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var results = new Option<FileInfo>("--results") { Description = "已保存的评价结果（tidu evaluate --format jsonl 或 tidu screen 的输出）", Required = true };
        var profiles = new Option<FileInfo>("--profiles") { Description = "这些结果所依据的企业档案（交换格式），按统一社会信用代码对应", Required = true };
        var rules = new Option<DirectoryInfo?>("--rules") { Description = "修正后的规则文件目录（默认使用随程序发布的 rules/）" };
        var asOf = new Option<string?>("--as-of") { Description = "只重放评价日期为该日的结果 YYYY-MM-DD（默认全部；每条结果总是按其自身的评价日期重新评价）" };
        var format = new Option<string>("--format") { Description = "输出格式：jsonl（每个翻转一行）或 table（中文汇总）", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var command = new Command("replay", "决策重放：规则数值修正后（同一版本、不同数值），按每条结果自身的评价日期重新评价，列出结论变化的企业及翻转的检查项。")
        {
            results, profiles, rules, asOf, format,
        };
        command.SetAction(parse => Run(parse.GetValue(results)!, parse.GetValue(profiles)!, parse.GetValue(rules), parse.GetValue(asOf), parse.GetValue(format)!,
            Console.Out, Console.Error));
        return command;
    }

    public static int Run(FileInfo resultsFile, FileInfo profilesFile, DirectoryInfo? rulesDir, string? asOfText, string format, TextWriter stdout, TextWriter stderr) =>
        Run(resultsFile, profilesFile, rulesDir, asOfText, format, stdout, stderr, null);

    /// <summary>
    /// The command with a test seam: <paramref name="beforeEach"/> runs first inside each result's isolation. Each stored
    /// result is replayed in isolation: one whose replay throws is reported (line, credit code, exception) and counted,
    /// and the run goes on (exit 1).
    /// </summary>
    internal static int Run(FileInfo resultsFile, FileInfo profilesFile, DirectoryInfo? rulesDir, string? asOfText, string format, TextWriter stdout, TextWriter stderr,
        Action<EnterpriseProfile>? beforeEach)
    {
        DateOnly? only = null;
        if (asOfText is not null)
        {
            if (!AsOfDate.TryParse(asOfText, "--as-of", out var d, out var dateError))
            {
                stderr.WriteLine($"error: {dateError}");
                return ExitCodes.Failure;
            }
            only = d;
        }
        if (!RuleLoading.TryLoad(rulesDir, stderr, out var library))
        {
            return ExitCodes.Failure;
        }
        var replay = new DecisionReplay(new Evaluator(library));
        try
        {
            var problems = 0;
            var needed = new HashSet<string>(StringComparer.Ordinal);
            void Skipped(string message)
            {
                problems++;
                stderr.WriteLine(message);
            }
            var mismatches = replay.FindMismatches(Results(resultsFile, only, Skipped).Select(r =>
            {
                needed.Add(r.Result.CreditCode);
                return r.Result;
            }));
            if (mismatches.Count > 0)
            {
                stderr.WriteLine("error: replay compares results with the same rule versions only, and these results were made under versions the rules given do not have:");
                foreach (var m in mismatches)
                {
                    stderr.WriteLine("  " + m);
                }
                stderr.WriteLine("A correction keeps the version id and its dates and changes a value; a new legal text is a new version — evaluate again instead of replaying.");
                return ExitCodes.Failure;
            }
            var (profiles, ambiguous) = Profiles(profilesFile, needed, stderr, ref problems);
            var flips = new List<TierFlip>();
            var replayed = 0;
            var failed = 0;
            // Bad lines were reported by the first pass.
            foreach (var (line, stored) in Results(resultsFile, only, _ => { }))
            {
                if (!profiles.TryGetValue(stored.CreditCode, out var profile))
                {
                    problems++;
                    stderr.WriteLine(ambiguous.Contains(stored.CreditCode)
                        ? $"results line {line}: {stored.CreditCode} appears more than once in {profilesFile.Name}; not replayed"
                        : $"results line {line}: no valid profile for {stored.CreditCode} in {profilesFile.Name}; not replayed");
                    continue;
                }
                if (!RecordIsolation.TryRun(line, $"results line {line}", stored.CreditCode, () =>
                {
                    beforeEach?.Invoke(profile);
                    var found = replay.Replay(stored, profile);
                    return (Flips: found, Lines: format == "jsonl" ? found.Select(ReplayJson.Line).ToList() : []);
                }, out var done, out var failure))
                {
                    problems++;
                    failed++;
                    stderr.WriteLine(failure!.ToString());
                    continue;
                }
                replayed++;
                foreach (var text in done.Lines)
                {
                    stdout.WriteLine(text);
                }
                flips.AddRange(done.Flips);
            }
            if (format == "table")
            {
                ReplayTable.Write(stdout, flips, replayed);
            }
            else
            {
                stderr.WriteLine($"replayed {replayed} result(s): {flips.Count} tier outcome(s) flipped ({flips.Count(f => f.Gained)} gained, {flips.Count(f => !f.Gained)} lost)");
            }
            if (failed > 0)
            {
                stderr.WriteLine($"{failed} result(s) failed with an internal error (each reported above as 'failed record …'); every other result was replayed");
                stderr.WriteLine($"{failed} 条结果重放时发生内部错误（见上方各行），其余结果已照常重放。");
            }
            if (flips.Any(f => !f.ChecksKnown))
            {
                stderr.WriteLine("note: some results were written without checks (screen without --explain, or --no-checks): the flipped checks cannot be named for them");
            }
            return problems > 0 ? ExitCodes.InvalidRecords : ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The stored results, streamed one per non-empty line (a results file may hold millions); a line that is not a
    /// Tidu result goes to <paramref name="skipped"/> with its reason.
    /// </summary>
    private static IEnumerable<(long Line, StoredResult Result)> Results(FileInfo file, DateOnly? only, Action<string> skipped)
    {
        using var reader = file.OpenText();
        long number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text) || ResultFileHeader.IsHeader(text))
            {
                continue; // the header describes the rule versions; replay compares versions by their references
            }
            string? notAResult = null;
            if (!RecordIsolation.TryRun(number, $"results line {number}", null, () =>
            {
                try
                {
                    return StoredResultReader.Parse(text);
                }
                catch (FormatException ex)
                {
                    notAResult = ex.Message;
                    return null;
                }
            }, out var result, out var failure))
            {
                skipped(failure!.ToString());
                continue;
            }
            if (result is null)
            {
                skipped($"results line {number}: {notAResult}; skipped");
                continue;
            }
            if (only is null || result.AsOf == only)
            {
                yield return (number, result);
            }
        }
    }

    private static (Dictionary<string, EnterpriseProfile> Profiles, HashSet<string> Ambiguous) Profiles(FileInfo file, HashSet<string> needed, TextWriter stderr, ref int problems)
    {
        var profiles = new Dictionary<string, EnterpriseProfile>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        var invalid = 0;
        using var stream = file.OpenRead();
        foreach (var raw in ProfileReader.Split(stream))
        {
            if (!RecordIsolation.TryParse(raw, out var record, out var failure))
            {
                problems++;
                stderr.WriteLine(failure!.ToString());
                continue;
            }
            if (record.Profile is not { } p)
            {
                invalid++;
                continue;
            }
            if (!needed.Contains(p.CreditCode))
            {
                continue;
            }
            if (!profiles.TryAdd(p.CreditCode, p))
            {
                ambiguous.Add(p.CreditCode);
            }
        }
        foreach (var code in ambiguous)
        {
            profiles.Remove(code);
        }
        if (invalid > 0)
        {
            problems++;
            stderr.WriteLine($"{invalid} invalid profile record(s) in {file.Name} skipped (tidu evaluate lists the reasons)");
        }
        return (profiles, ambiguous);
    }
}
