using System.CommandLine;
using Tidu.Cli.Output;
using Tidu.Rules.Versions;

namespace Tidu.Cli.Commands;

/// <summary>
/// <c>tidu rules list</c>, <c>tidu rules show ID [--as-of DATE]</c>, <c>tidu rules diff ID --from DATE --to DATE</c>:
/// the rule versions, visible. Rule sets are found by (id, jurisdiction); the national one unless told otherwise.
/// </summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        return new Command("rules", "查看规则集及其各个有效期版本：列表、某日适用的版本、两个日期之间的差异。")
        {
            List(), Show(), Diff(),
        };
    }

    private static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "输出格式", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        return format;
    }

    private static Option<DirectoryInfo?> Rules() => new("--rules") { Description = "规则文件目录（默认使用随程序发布的 rules/）" };

    private static Option<string?> Jurisdiction() => new("--jurisdiction") { Description = "适用地区（national 或地区代码，如 33）；同一编号有多个地区时默认 national" };

    private static Command List()
    {
        var format = Format();
        var rules = Rules();
        var command = new Command("list", "列出全部规则集：编号、类型、名称、适用地区、文件、各版本有效期与依据。") { format, rules };
        command.SetAction(parse => RunList(parse.GetValue(format)!, parse.GetValue(rules), Console.Out, Console.Error));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("ID") { Description = "规则集编号，如 specialized-sme" };
        var asOf = new Option<string?>("--as-of") { Description = "日期 YYYY-MM-DD（默认今天）；显示该日适用的版本" };
        var jurisdiction = Jurisdiction();
        var format = Format();
        var rules = Rules();
        var command = new Command("show", "显示某日适用的规则版本：每一项检查与评分指标的门槛、档位与依据。") { id, asOf, jurisdiction, format, rules };
        command.SetAction(parse => RunShow(parse.GetValue(id)!, parse.GetValue(asOf), parse.GetValue(jurisdiction), parse.GetValue(format)!, parse.GetValue(rules),
            Console.Out, Console.Error, TimeProvider.System));
        return command;
    }

    private static Command Diff()
    {
        var id = new Argument<string>("ID") { Description = "规则集编号，如 specialized-sme" };
        var from = new Option<string>("--from") { Description = "较早的日期 YYYY-MM-DD", Required = true };
        var to = new Option<string>("--to") { Description = "较晚的日期 YYYY-MM-DD", Required = true };
        var jurisdiction = Jurisdiction();
        var format = Format();
        var rules = Rules();
        var command = new Command("diff", "比较两个日期适用的规则版本：新增、删除和变更的检查项（运算符、门槛、档位、分值、依据），并列出新旧依据。")
        {
            id, from, to, jurisdiction, format, rules,
        };
        command.SetAction(parse => RunDiff(parse.GetValue(id)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(jurisdiction), parse.GetValue(format)!,
            parse.GetValue(rules), Console.Out, Console.Error));
        return command;
    }

    public static int RunList(string format, DirectoryInfo? rulesDir, TextWriter stdout, TextWriter stderr)
    {
        if (!CatalogLoading.TryLoad(rulesDir, stderr, out var catalog))
        {
            return ExitCodes.Failure;
        }
        if (format == "json")
        {
            RuleJson.Write(stdout, w =>
            {
                w.WriteStartArray();
                foreach (var set in catalog.Sets)
                {
                    RuleJson.Set(w, set, withItems: false);
                }
                w.WriteEndArray();
            });
        }
        else
        {
            RuleTables.List(stdout, catalog.Sets);
        }
        return ExitCodes.Ok;
    }

    public static int RunShow(string id, string? asOfText, string? jurisdiction, string format, DirectoryInfo? rulesDir, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        if (!AsOfDate.TryResolve(asOfText, clock, out var asOf, out var dateError))
        {
            stderr.WriteLine($"error: {dateError}");
            return ExitCodes.Failure;
        }
        if (!CatalogLoading.TryFind(rulesDir, id, jurisdiction, stderr, out var set) || !CatalogLoading.TryVersionOn(set, asOf, stderr, out var version))
        {
            return ExitCodes.Failure;
        }
        if (format == "json")
        {
            RuleJson.Write(stdout, w => RuleJson.Version(w, version, withItems: true));
        }
        else
        {
            RuleTables.Show(stdout, set, version, asOf);
        }
        return ExitCodes.Ok;
    }

    public static int RunDiff(string id, string fromText, string toText, string? jurisdiction, string format, DirectoryInfo? rulesDir, TextWriter stdout, TextWriter stderr)
    {
        if (!AsOfDate.TryParse(fromText, "--from", out var from, out var error) || !AsOfDate.TryParse(toText, "--to", out var to, out error))
        {
            stderr.WriteLine($"error: {error}");
            return ExitCodes.Failure;
        }
        if (!CatalogLoading.TryFind(rulesDir, id, jurisdiction, stderr, out var set)
            || !CatalogLoading.TryVersionOn(set, from, stderr, out var before)
            || !CatalogLoading.TryVersionOn(set, to, stderr, out var after))
        {
            return ExitCodes.Failure;
        }
        var diff = RuleDiff.Compare(before, after);
        if (format == "json")
        {
            RuleJson.Write(stdout, w => RuleJson.Diff(w, diff, from, to));
        }
        else
        {
            RuleTables.Diff(stdout, set, diff, from, to);
        }
        return ExitCodes.Ok;
    }
}
