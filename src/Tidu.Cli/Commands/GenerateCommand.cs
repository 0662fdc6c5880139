using System.CommandLine;
using System.Text.Json;
using Tidu.Cli.Output;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules.Synthetic;

namespace Tidu.Cli.Commands;

/// <summary><c>tidu generate --count N --seed S [--region CODE…] [--last-year Y] --out FILE</c>.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var count = new Option<long>("--count") { Description = "生成企业数量", Required = true };
        var seed = new Option<int>("--seed") { Description = "随机种子（同一种子生成相同数据）", DefaultValueFactory = _ => 1 };
        var region = new Option<string[]>("--region") { Description = "只在这些行政区划（含下级）内生成，如 33 省级 330100 市级；默认浙江、湖北全部", AllowMultipleArgumentsPerToken = true };
        var lastYear = new Option<int>("--last-year") { Description = "最近一个完整财年（生成该年及前两年财务数据）", DefaultValueFactory = _ => 2025 };
        var output = new Option<FileInfo>("--out") { Description = "输出 JSON Lines 文件", Required = true };
        var rules = new Option<DirectoryInfo?>("--rules") { Description = "规则文件目录（边界值取自规则）" };
        var oversample = new Option<double>("--oversample")
        {
            Description = "候选企业过采样倍数：各梯度候选企业占比（按浙江实际比例校准）乘以该倍数，便于少量数据中出现各梯度（默认 1，即实际比例）",
            DefaultValueFactory = _ => 1,
        };
        var hostile = new Option<bool>("--hostile") { Description = "写出异常变体（字段删除、置空、类型错误、极端数值、年份重复或乱序、不可能的日期、相互矛盾的数据等），用于健壮性测试" };
        var command = new Command("generate", "生成确定性的模拟企业档案（交换格式 v1.1），约四分之一的企业有一项数值恰在规则门槛上或略低。")
        {
            count, seed, region, lastYear, output, rules, oversample, hostile,
        };
        command.SetAction(parse => Run(parse.GetValue(count), parse.GetValue(seed), parse.GetValue(region) ?? [], parse.GetValue(lastYear),
            parse.GetValue(output)!, parse.GetValue(rules), Console.Error, parse.GetValue(hostile), parse.GetValue(oversample)));
        return command;
    }

    public static int Run(long count, int seed, string[] regionCodes, int lastYear, FileInfo output, DirectoryInfo? rulesDir, TextWriter stderr, bool hostile = false, double oversample = 1)
    {
        if (count < 0)
        {
            stderr.WriteLine("error: --count must not be negative");
            return ExitCodes.Failure;
        }
        if (lastYear is < 1992 or > 2099)
        {
            stderr.WriteLine("error: --last-year must be between 1992 and 2099");
            return ExitCodes.Failure;
        }
        var tree = RegionTree.Shipped;
        var allLeaves = tree.Leaves();
        foreach (var code in regionCodes.Where(c => !allLeaves.Any(r => tree.MatchesFilter(r.Code, c))))
        {
            stderr.WriteLine($"error: unknown region code '{code}'");
            return ExitCodes.Failure;
        }
        if (oversample <= 0 || double.IsNaN(oversample) || (TierMix.Zhejiang.LittleGiant + TierMix.Zhejiang.Specialized + TierMix.Zhejiang.Innovative) * oversample > 1)
        {
            stderr.WriteLine("error: --oversample must be positive and keep the candidates' shares at most 1 (at most about 80)");
            return ExitCodes.Failure;
        }
        var leaves = allLeaves.Where(r => regionCodes.Length == 0 || regionCodes.Any(c => tree.MatchesFilter(r.Code, c))).ToList();
        if (!RuleLoading.TryLoad(rulesDir, stderr, out var library))
        {
            return ExitCodes.Failure;
        }
        var generator = new ProfileGenerator(leaves, library, lastYear, TierMix.Zhejiang.Oversampled(oversample));
        try
        {
            output.Directory?.Create(); // the folder of --out is made (the README writes to out/, git-ignored)
            using var file = new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            const int batch = 4096;
            var buffers = new byte[batch][];
            for (long start = 0; start < count; start += batch)
            {
                var n = (int)Math.Min(batch, count - start);
                Parallel.For(0, n, i =>
                {
                    var profile = generator.Generate(seed, start + i);
                    if (hostile)
                    {
                        buffers[i] = System.Text.Encoding.UTF8.GetBytes(HostileVariants.Of(profile, seed, start + i).Json + "\n");
                        return;
                    }
                    using var ms = new MemoryStream(1536);
                    using (var w = new Utf8JsonWriter(ms, ProfileWriter.Options))
                    {
                        ProfileWriter.Write(w, profile);
                    }
                    ms.WriteByte((byte)'\n');
                    buffers[i] = ms.ToArray();
                });
                for (var i = 0; i < n; i++)
                {
                    file.Write(buffers[i]);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {output.FullName}: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        stderr.WriteLine($"generated {count} {(hostile ? "hostile variant(s) of profiles" : "profile(s)")} in {leaves.Count} region(s) → {output.FullName}");
        return ExitCodes.Ok;
    }
}
