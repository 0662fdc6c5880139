using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Tidu.Cli.Output;
using Tidu.Cli.Screening;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Screening;
using Tidu.Rules.Synthetic;

namespace Tidu.Cli.Commands;

/// <summary>
/// <c>tidu bench</c>: a quick, repeatable measurement on generated data held in memory (no disk in the loop):
/// the parse-only floor, the engine alone (with and without explanations), and screen end to end.
/// The BenchmarkDotNet suite in bench/ is the careful version; this one answers "how fast here, now".
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "企业数量", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "随机种子", DefaultValueFactory = _ => 1 };
        var asOf = new Option<string?>("--as-of") { Description = "评价日期", DefaultValueFactory = _ => "2026-03-31" };
        var command = new Command("bench", "在本机测量解析、规则引擎与端到端筛查的速度（内存中的模拟数据）。") { count, seed, asOf };
        command.SetAction(parse => Run(parse.GetValue(count), parse.GetValue(seed), parse.GetValue(asOf), Console.Out, Console.Error));
        return command;
    }

    public static int Run(int count, int seed, string? asOfText, TextWriter stdout, TextWriter stderr)
    {
        if (count <= 0 || !EvaluatorSetup.TryCreate(asOfText, null, TimeProvider.System, stderr, out var evaluator, out var asOf))
        {
            stderr.WriteLine(count <= 0 ? "error: --count must be positive" : "");
            return ExitCodes.Failure;
        }
        var generator = new ProfileGenerator(RegionTree.Shipped.Leaves(), evaluator.Library, asOf.Year - 1);
        var data = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            using (var w = new Utf8JsonWriter(data, ProfileWriter.Options))
            {
                ProfileWriter.Write(w, generator.Generate(seed, i));
            }
            data.WriteByte((byte)'\n');
        }
        var bytes = data.ToArray();
        var rows = new List<(string Name, double Seconds, long Bytes)>();

        (double, long) Measure(Action action)
        {
            action(); // warm-up on the same data: JIT and caches, so the timed run is the steady state
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            action();
            sw.Stop();
            return (sw.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
        }

        EnterpriseProfile[] profiles = [];
        var (parse, parseBytes) = Measure(() =>
        {
            var raws = ProfileReader.Split(new MemoryStream(bytes)).ToArray();
            var parsed = new EnterpriseProfile[raws.Length];
            Parallel.For(0, raws.Length, i => parsed[i] = ProfileReader.Parse(raws[i]).Profile!);
            profiles = parsed;
        });
        rows.Add(("(a) parse only: split + JSON → validated model, all cores", parse, parseBytes));
        var (engine, engineBytes) = Measure(() => Parallel.For(0, profiles.Length, i => evaluator.Evaluate(profiles[i], asOf, explain: false)));
        rows.Add(("(c) engine only, outcomes and scores, all cores", engine, engineBytes));
        var (explained, explainedBytes) = Measure(() => Parallel.For(0, profiles.Length, i => evaluator.Evaluate(profiles[i], asOf, explain: true)));
        rows.Add(("(c') engine only, with full explanations, all cores", explained, explainedBytes));
        var (screen, screenBytes) = Measure(() => new ScreenPipeline(evaluator, asOf, explain: false).Run(new MemoryStream(bytes), Stream.Null, null, _ => { }));
        rows.Add(("(b) screen end to end (parse, evaluate, near misses, JSON out)", screen, screenBytes));

        var console = ConsoleFor.Create(stdout, 140);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"tidu bench：{count:N0} 家模拟企业，{Environment.ProcessorCount} 核，评价日期 {asOf:yyyy-MM-dd}");
        table.AddColumn("measurement");
        table.AddColumn(new TableColumn("profiles/s").RightAligned());
        table.AddColumn(new TableColumn("alloc/profile").RightAligned());
        table.AddColumn(new TableColumn("÷ (a)").RightAligned());
        foreach (var (name, seconds, alloc) in rows)
        {
            var rate = count / seconds;
            table.AddRow(Markup.Escape(name), $"{rate:N0}", $"{alloc / count / 1024.0:N1} KB", $"{parse / seconds:0.00}");
        }
        console.Write(table);
        return ExitCodes.Ok;
    }
}
