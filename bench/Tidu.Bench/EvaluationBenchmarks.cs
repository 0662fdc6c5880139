using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Plans;
using Tidu.Rules.Screening;

namespace Tidu.Bench;

/// <summary>
/// Throughput on the same N generated profiles (seed 1, as of 2026-03-31), so the ratios compare like with like. One
/// thread: the parse floor (System.Text.Json source generation into a plain model, no validation), Tidu's reader (bytes
/// → validated profile in one pass), Tidu's engine in outcome mode (compiled plan into a reused workspace) and with full
/// explanations, the hand-written evaluator and Microsoft RulesEngine. All cores: screen end to end (the command's
/// pipeline from the JSON Lines bytes to result lines, output discarded), for its allocation per profile. Each operation
/// processes all N profiles; the extra columns give profiles/s (= N / mean) and allocated bytes per profile.
/// <para>
/// 1M profiles: change <c>[Params(20_000)]</c> to <c>[Params(1_000_000)]</c>; the setup then generates ≈ 1.7 GB of
/// JSON Lines and holds the parsed profiles (several GB) in memory.
/// </para>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class EvaluationBenchmarks
{
    private byte[] _jsonl = [];
    private EnterpriseProfile[] _profiles = [];
    private Evaluator _tidu = null!;
    private PlanSet _plans = null!;
    private PlanSet _sameTiers = null!;
    private readonly PlanWorkspace _workspace = new();
    private HandWrittenEvaluator _handWritten = null!;
    private RulesEngineEvaluator _rulesEngine = null!;

    [Params(20_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var library = RuleLibrary.LoadDefault();
        _tidu = new Evaluator(library);
        _plans = _tidu.PlansOn(BenchData.AsOf);
        _sameTiers = new Evaluator(RuleLibrary.Load(BenchData.HandWrittenRules())).PlansOn(BenchData.AsOf);
        _handWritten = new HandWrittenEvaluator(BenchData.AsOf);
        _rulesEngine = new RulesEngineEvaluator(BenchData.AsOf);
        _jsonl = BenchData.Jsonl(BenchData.Generator(library), N);
        _profiles = BenchData.Parse(_jsonl);
    }

    [Benchmark(Baseline = true)]
    public int ParseFloor()
    {
        var years = 0;
        var rest = _jsonl.AsSpan();
        while (!rest.IsEmpty)
        {
            var lf = rest.IndexOf((byte)'\n');
            var line = lf < 0 ? rest : rest[..lf];
            rest = lf < 0 ? default : rest[(lf + 1)..];
            if (!line.IsEmpty)
            {
                years += JsonSerializer.Deserialize(line, FloorJson.Default.FloorProfile)!.Financials!.Count;
            }
        }
        return years;
    }

    [Benchmark]
    public int ParseOnly()
    {
        var parser = ProfileParser.ForThisThread;
        var valid = 0;
        var rest = _jsonl.AsSpan();
        while (!rest.IsEmpty)
        {
            var lf = rest.IndexOf((byte)'\n');
            var line = lf < 0 ? rest : rest[..lf];
            rest = lf < 0 ? default : rest[(lf + 1)..];
            if (!line.IsEmpty && parser.Read(line) is not null)
            {
                valid++;
            }
        }
        return valid;
    }

    [Benchmark]
    public int TiduOutcome() => BenchData.Outcomes(_plans, _workspace, _profiles);

    /// <summary>
    /// Outcome mode on exactly the rules the hand-written evaluator encodes (size class, basic conditions, innovative SME,
    /// specialized SME, little giant): TiduOutcome evaluates every tier that applies (five national, two more in
    /// Zhejiang), the hand-written evaluator three.
    /// </summary>
    [Benchmark]
    public int TiduOutcomeSameTiers() => BenchData.Outcomes(_sameTiers, _workspace, _profiles);

    [Benchmark]
    public int TiduEngineExplained()
    {
        var checks = 0;
        foreach (var p in _profiles)
        {
            foreach (var t in _tidu.Evaluate(p, BenchData.AsOf, explain: true).Tiers)
            {
                checks += t.Checks.Count;
            }
        }
        return checks;
    }

    [Benchmark]
    public int HandWritten() => BenchData.HandWrittenOutcomes(_handWritten, _profiles);

    [Benchmark]
    public async Task<int> RulesEngine()
    {
        var qualified = 0;
        foreach (var p in _profiles)
        {
            var o = await _rulesEngine.EvaluateAsync(p).ConfigureAwait(false);
            qualified += (o.Innovative.Qualified ? 1 : 0) + (o.Specialized.Qualified ? 1 : 0) + (o.LittleGiant.Qualified ? 1 : 0);
        }
        return qualified;
    }

    [Benchmark]
    public long ScreenAllCores() =>
        new ScreenPipeline(_tidu, BenchData.AsOf, explain: false).Run(new MemoryStream(_jsonl), Stream.Null, null, _ => { }).Valid;

    /// <summary>A short in-process job (the full run must fit in ~10 minutes on 2 cores) and the per-profile columns.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In process: building a separate benchmark executable times out on a loaded 2-core machine, and the
            // measurements here are of managed code in one process anyway.
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance).WithId("Short"));
            AddColumn(new PerProfileColumn("profiles/s", (r, n) => (n / (r.ResultStatistics!.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
            AddColumn(new PerProfileColumn("alloc/profile", (r, n) => r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) is { } bytes
                ? $"{bytes / (double)n:N0} B"
                : "?"));
        }
    }

    private sealed class PerProfileColumn(string name, Func<BenchmarkReport, int, string> value) : IColumn
    {
        public string Id => "Tidu." + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => name == "profiles/s" ? "N / Mean: profiles evaluated per second" : "Allocated / N: managed bytes allocated per profile";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase] is { ResultStatistics: not null } report ? value(report, (int)benchmarkCase.Parameters["N"]) : "-";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
