using System.CommandLine;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Tidu.Cli.Batches;
using Tidu.Cli.Output;
using Tidu.Cluster.Hosting;
using Tidu.Cluster.Jobs;
using Tidu.Rules.Batches;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Reforms;
using Tidu.Rules.Screening;

namespace Tidu.Cli.Commands;

/// <summary>
/// <c>tidu cluster node --connection CS</c>: a batch node of the platform's cluster (a silo, no web).
/// <c>tidu cluster screen FILE --out F (--connection CS | --silos N)</c>: a whole-file screening split into shards and
/// screened across the cluster's silos, put together in input order; the same output as <c>tidu screen</c>
/// (docs/scale.md). <c>tidu cluster evaluate FILE --out F …</c> and <c>tidu cluster gap FILE --out F …</c>: the JSON
/// Lines of <c>tidu evaluate</c> and <c>tidu gap</c> the same way; <c>tidu cluster simulate FILE --reform R --out F …</c>:
/// the totals of <c>tidu simulate</c>, added up over the shards.
/// </summary>
internal static class ClusterCommand
{
    /// <summary>The local silos of <c>--silos</c> listen from here (a Localhost web node uses 11111 and 30000).</summary>
    private const int LocalSiloPort = 11311;
    private const int LocalGatewayPort = 30311;

    public static Command Create() => new("cluster", "多节点集群（Microsoft Orleans）：批处理节点与分布式筛查。") { Node(), Screen(), Evaluate(), Gap(), Simulate() };

    private static Command Node()
    {
        var connection = new Option<string>("--connection") { Description = "平台的 PostgreSQL 连接字符串（集群成员表与提醒表所在）", Required = true };
        var siloPort = new Option<int>("--silo-port") { Description = "节点间通信端口", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "客户端网关端口（tidu cluster screen 经此提交作业）", DefaultValueFactory = _ => 30000 };
        var address = new Option<string?>("--address") { Description = "其他节点访问本节点的 IP 地址（默认：主机名的第一个地址）" };
        var clusterId = new Option<string>("--cluster-id") { Description = "集群标识（同一部署的节点相同）", DefaultValueFactory = _ => "tidu" };
        var command = new Command("node", "启动一个批处理节点并加入平台的集群，直到 Ctrl+C。") { connection, siloPort, gatewayPort, address, clusterId };
        command.SetAction((parse, ct) => RunNodeAsync(new ClusterSettings
        {
            Mode = ClusterMode.Postgres,
            SiloPort = parse.GetValue(siloPort),
            GatewayPort = parse.GetValue(gatewayPort),
            AdvertisedAddress = parse.GetValue(address),
            ClusterId = parse.GetValue(clusterId)!,
        }, parse.GetValue(connection)!, Console.Error, ct));
        return command;
    }

    private static Command Screen()
    {
        var job = new JobOptions();
        var output = new Option<FileInfo>("--out") { Description = "结果文件（与 tidu screen 逐行相同）", Required = true };
        var errors = new Option<FileInfo?>("--errors") { Description = "无效记录文件（与 tidu screen 相同）" };
        var explain = new Option<bool>("--explain") { Description = "结果中包含逐项检查" };
        var command = job.AddTo(new Command("screen", "分布式筛查：按行切分为分片，在集群各节点上筛查，按输入顺序合并；结果与 tidu screen 相同。") { output, errors, explain });
        command.SetAction((parse, ct) => RunScreenAsync(new ScreenRequest(parse.GetValue(job.File)!, parse.GetValue(job.AsOf), parse.GetValue(output)!, parse.GetValue(errors),
            parse.GetValue(explain), parse.GetValue(job.Rules), parse.GetValue(job.Work), parse.GetValue(job.ShardMb), parse.GetValue(job.Connection),
            parse.GetValue(job.ClusterId)!, parse.GetValue(job.Silos)), Console.Out, Console.Error, TimeProvider.System, ct));
        return command;
    }

    private static Command Evaluate()
    {
        var job = new JobOptions();
        var output = new Option<FileInfo>("--out") { Description = "结果文件（与 tidu evaluate 的 JSON Lines 输出逐行相同）", Required = true };
        var noChecks = new Option<bool>("--no-checks") { Description = "只输出结论与得分，不输出逐项检查" };
        var command = job.AddTo(new Command("evaluate", "分布式批量评价：按行切分为分片，在集群各节点上评价，按输入顺序合并；结果与 tidu evaluate（JSON Lines）相同。") { output, noChecks });
        command.SetAction((parse, ct) => RunEvaluateAsync(new EvaluateRequest(parse.GetValue(job.File)!, parse.GetValue(job.AsOf), parse.GetValue(output)!,
            parse.GetValue(noChecks), parse.GetValue(job.Rules), parse.GetValue(job.Work), parse.GetValue(job.ShardMb), parse.GetValue(job.Connection),
            parse.GetValue(job.ClusterId)!, parse.GetValue(job.Silos)), Console.Error, TimeProvider.System, ct));
        return command;
    }

    private static Command Gap()
    {
        var job = new JobOptions();
        var output = new Option<FileInfo>("--out") { Description = "结果文件（与 tidu gap 的 JSON Lines 输出逐行相同）", Required = true };
        var tier = new Option<string?>("--tier") { Description = "只分析该梯度（如 specialized-sme），并先列出须先取得的梯度的差距" };
        var next = new Option<bool>("--next") { Description = "下一梯度建议：按已获称号找出梯度阶梯的下一级，给出其差距" };
        var command = job.AddTo(new Command("gap", "分布式差距分析：按行切分为分片，在集群各节点上分析，按输入顺序合并；结果与 tidu gap（JSON Lines）相同。") { output, tier, next });
        command.SetAction((parse, ct) => RunGapAsync(new GapRequest(parse.GetValue(job.File)!, parse.GetValue(job.AsOf), parse.GetValue(output)!, parse.GetValue(tier),
            parse.GetValue(next), parse.GetValue(job.Rules), parse.GetValue(job.Work), parse.GetValue(job.ShardMb), parse.GetValue(job.Connection),
            parse.GetValue(job.ClusterId)!, parse.GetValue(job.Silos)), Console.Error, TimeProvider.System, ct));
        return command;
    }

    private static Command Simulate()
    {
        var job = new JobOptions();
        var reform = new Option<FileInfo>("--reform") { Description = "改革方案（YAML；每个节点须能读到同一文件）", Required = true };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "只模拟注册在该地区的企业（行政区划代码）" };
        var projects = new Option<FileInfo?>("--projects") { Description = "项目文件（每个节点须能读到同一文件）" };
        var output = new Option<FileInfo>("--out") { Description = "结果文件（JSON，与 tidu simulate 相同）", Required = true };
        var command = job.AddTo(new Command("simulate", "分布式改革模拟：按行切分为分片，在集群各节点上比较基线与改革方案，各分片的合计相加；结果与 tidu simulate 相同。")
        {
            reform, jurisdiction, projects, output,
        });
        command.SetAction((parse, ct) => RunSimulateAsync(new SimulateRequest(parse.GetValue(job.File)!, parse.GetValue(job.AsOf), parse.GetValue(reform)!,
            parse.GetValue(jurisdiction), parse.GetValue(projects), parse.GetValue(output)!, parse.GetValue(job.Rules), parse.GetValue(job.Work),
            parse.GetValue(job.ShardMb), parse.GetValue(job.Connection), parse.GetValue(job.ClusterId)!, parse.GetValue(job.Silos)), Console.Out, Console.Error,
            TimeProvider.System, ct));
        return command;
    }

    /// <summary>What every distributed job is given (the file, the date, the rules, the job folder and the cluster), declared once.</summary>
    private sealed class JobOptions
    {
        public Argument<FileInfo> File { get; } = new("FILE") { Description = "企业档案文件（JSON Lines；其他格式作为一个分片）" };
        public Option<string?> AsOf { get; } = new("--as-of") { Description = "评价日期 YYYY-MM-DD（默认今天）" };
        public Option<DirectoryInfo?> Rules { get; } = new("--rules") { Description = "规则文件目录（每个节点须能读到同一目录）" };
        public Option<DirectoryInfo?> Work { get; } = new("--work") { Description = "作业目录（每个节点须能读写；默认：结果文件旁的 .tidu-jobs）" };
        public Option<int> ShardMb { get; } = new("--shard-mb") { Description = "每个分片约多少 MB（首次提交时决定，作业的分片此后不变）", DefaultValueFactory = _ => 8 };
        public Option<string?> Connection { get; } = new("--connection") { Description = "平台的 PostgreSQL 连接字符串：提交到该集群（由 tidu cluster node 或平台节点组成）" };
        public Option<string> ClusterId { get; } = new("--cluster-id") { Description = "集群标识", DefaultValueFactory = _ => "tidu" };
        public Option<int> Silos { get; } = new("--silos") { Description = "不连接集群时：在本进程启动几个节点", DefaultValueFactory = _ => 1 };

        public Command AddTo(Command command)
        {
            command.Arguments.Add(File);
            foreach (var option in new Option[] { AsOf, Rules, Work, ShardMb, Connection, ClusterId, Silos })
            {
                command.Options.Add(option);
            }
            return command;
        }
    }

    internal sealed record GapRequest(FileInfo File, string? AsOf, FileInfo Output, string? Tier, bool Next, DirectoryInfo? Rules, DirectoryInfo? Work,
        int ShardMb, string? Connection, string ClusterId, int Silos);

    internal sealed record EvaluateRequest(FileInfo File, string? AsOf, FileInfo Output, bool NoChecks, DirectoryInfo? Rules, DirectoryInfo? Work,
        int ShardMb, string? Connection, string ClusterId, int Silos);

    internal sealed record SimulateRequest(FileInfo File, string? AsOf, FileInfo Reform, string? Jurisdiction, FileInfo? Projects, FileInfo Output,
        DirectoryInfo? Rules, DirectoryInfo? Work, int ShardMb, string? Connection, string ClusterId, int Silos);

    internal sealed record ScreenRequest(FileInfo File, string? AsOf, FileInfo Output, FileInfo? Errors, bool Explain, DirectoryInfo? Rules, DirectoryInfo? Work,
        int ShardMb, string? Connection, string ClusterId, int Silos);

    public static async Task<int> RunNodeAsync(ClusterSettings settings, string connection, TextWriter stderr, CancellationToken ct)
    {
        await OrleansSchema.ApplyAsync(connection, ct).ConfigureAwait(false);
        var builder = Host.CreateApplicationBuilder();
        Quiet(builder.Logging);
        builder.UseOrleans(silo => silo.ConfigureTidu(settings, connection));
        using var host = builder.Build();
        await host.StartAsync(ct).ConfigureAwait(false);
        stderr.WriteLine($"节点已加入集群 {settings.ClusterId}（端口 {settings.SiloPort}/{settings.GatewayPort}）；Ctrl+C 退出。");
        try
        {
            await host.WaitForShutdownAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    public static async Task<int> RunScreenAsync(ScreenRequest request, TextWriter stdout, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        if (!EvaluatorSetup.TryCreate(request.AsOf, request.Rules, clock, stderr, out var evaluator, out var asOf))
        {
            return ExitCodes.Failure;
        }
        if (!JobOptionsValid(request.File, request.ShardMb, request.Silos, stderr))
        {
            return ExitCodes.Failure;
        }
        var stopwatch = Stopwatch.StartNew();
        var spec = JobSpec.Create(request.File.FullName, WorkRoot(request.Work, request.Output), asOf, request.Explain, evaluator, request.Rules?.FullName,
            (long)request.ShardMb << 20);
        if (await RunJobAsync(spec, request.Connection, request.ClusterId, request.Silos, stderr, clock, ct).ConfigureAwait(false) is not { } status)
        {
            return ExitCodes.Failure;
        }
        return Assemble(spec, status, evaluator, asOf, request, stopwatch, stdout, stderr);
    }

    /// <summary>
    /// <c>tidu cluster gap</c>: the gap lists of <c>tidu gap</c> (JSON Lines) computed in shards across the cluster; the
    /// results file holds what <c>tidu gap</c> writes on stdout, and stderr what it writes there.
    /// </summary>
    public static async Task<int> RunGapAsync(GapRequest request, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!GapCommand.TrySetUp(request.AsOf, request.Tier, request.Next, request.Rules, clock, stderr, out var evaluator, out var asOf)
            || !JobOptionsValid(request.File, request.ShardMb, request.Silos, stderr))
        {
            return ExitCodes.Failure;
        }
        var spec = JobSpec.CreateGap(request.File.FullName, WorkRoot(request.Work, request.Output), asOf, request.Tier, request.Next, evaluator,
            request.Rules?.FullName, (long)request.ShardMb << 20);
        if (await RunJobAsync(spec, request.Connection, request.ClusterId, request.Silos, stderr, clock, ct).ConfigureAwait(false) is not { } status)
        {
            return ExitCodes.Failure;
        }
        return AssembleLines(spec, status, [], request.Output, stderr);
    }

    /// <summary>
    /// <c>tidu cluster evaluate</c>: the results of <c>tidu evaluate</c> (JSON Lines: the header, then one line per record)
    /// computed in shards across the cluster; the results file holds what <c>tidu evaluate</c> writes on stdout, and stderr
    /// what it writes there.
    /// </summary>
    public static async Task<int> RunEvaluateAsync(EvaluateRequest request, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!EvaluatorSetup.TryCreate(request.AsOf, request.Rules, clock, stderr, out var evaluator, out var asOf)
            || !JobOptionsValid(request.File, request.ShardMb, request.Silos, stderr))
        {
            return ExitCodes.Failure;
        }
        var spec = JobSpec.CreateEvaluate(request.File.FullName, WorkRoot(request.Work, request.Output), asOf, !request.NoChecks, evaluator,
            request.Rules?.FullName, (long)request.ShardMb << 20);
        if (await RunJobAsync(spec, request.Connection, request.ClusterId, request.Silos, stderr, clock, ct).ConfigureAwait(false) is not { } status)
        {
            return ExitCodes.Failure;
        }
        return AssembleLines(spec, status, ResultFileHeader.Line(evaluator.Library, asOf), request.Output, stderr);
    }

    /// <summary>
    /// <c>tidu cluster simulate</c>: the simulation of <c>tidu simulate</c> run in shards across the cluster, each shard's
    /// totals added in input order; the result file, the table and stderr are what <c>tidu simulate</c> writes.
    /// </summary>
    public static async Task<int> RunSimulateAsync(SimulateRequest request, TextWriter stdout, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SimulateCommand.TrySetUp(request.AsOf, request.Reform, request.Jurisdiction, request.Projects, request.Rules, clock, stderr) is not { } run
            || !JobOptionsValid(request.File, request.ShardMb, request.Silos, stderr))
        {
            return ExitCodes.Failure;
        }
        var stopwatch = Stopwatch.StartNew();
        var spec = JobSpec.CreateSimulate(request.File.FullName, WorkRoot(request.Work, request.Output), run.AsOf, run.Baseline, request.Rules?.FullName,
            request.Reform.FullName, request.Jurisdiction, request.Projects?.FullName, (long)request.ShardMb << 20);
        if (await RunJobAsync(spec, request.Connection, request.ClusterId, request.Silos, stderr, clock, ct).ConfigureAwait(false) is not { } status)
        {
            return ExitCodes.Failure;
        }
        var totals = new SimulationTotals();
        var tally = new BatchTally();
        try
        {
            new JobDirectory(spec.WorkDirectory).AssembleParts(status.Shards, Stream.Null, (errors, counts) =>
            {
                using var reader = new StreamReader(errors);
                while (reader.ReadLine() is { } line)
                {
                    stderr.WriteLine(line);
                }
                var (shardTotals, shardTally) = SimulateShardWork.ReadCounts(counts);
                totals.Add(shardTotals);
                tally.Add(shardTally);
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        stopwatch.Stop();
        return SimulateCommand.Report(run, request.Jurisdiction, totals, tally, stopwatch.Elapsed, request.Output, stdout, stderr);
    }

    /// <summary>
    /// Writes <paramref name="header"/> and the shards' lines in input order to <paramref name="output"/>, and their record
    /// reports and the counts of the whole file to <paramref name="stderr"/>, as the record loop of the single command does.
    /// </summary>
    private static int AssembleLines(JobSpec spec, JobStatus status, byte[] header, FileInfo output, TextWriter stderr)
    {
        var tally = new BatchTally();
        try
        {
            output.Directory?.Create();
            using var results = new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            results.Write(header);
            new JobDirectory(spec.WorkDirectory).AssembleParts(status.Shards, results, (errors, counts) =>
            {
                using var reader = new StreamReader(errors);
                while (reader.ReadLine() is { } line)
                {
                    stderr.WriteLine(line);
                }
                tally.Add(BatchTally.ReadJson(counts));
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        tally.WriteSummary(stderr);
        return tally.ExitCode;
    }

    private static bool JobOptionsValid(FileInfo file, int shardMb, int silos, TextWriter stderr)
    {
        if (shardMb is < 1 or > 4096 || silos is < 1 or > 16)
        {
            stderr.WriteLine("error: --shard-mb must be between 1 and 4096, --silos between 1 and 16");
            return false;
        }
        if (!file.Exists)
        {
            stderr.WriteLine($"error: {file.FullName} does not exist");
            return false;
        }
        return true;
    }

    private static string WorkRoot(DirectoryInfo? work, FileInfo output) =>
        work?.FullName ?? Path.Combine(output.Directory?.FullName ?? Environment.CurrentDirectory, ".tidu-jobs");

    /// <summary>Runs the job on the cluster (or local silos) until every shard is done; null (reported) when the cluster did not finish it.</summary>
    private static async Task<JobStatus?> RunJobAsync(JobSpec spec, string? connection, string clusterId, int silos, TextWriter stderr,
        TimeProvider clock, CancellationToken ct)
    {
        var hosts = connection is not null ? [Client(connection, clusterId)] : LocalSilos(silos);
        JobStatus status;
        try
        {
            foreach (var host in hosts)
            {
                await host.StartAsync(ct).ConfigureAwait(false);
            }
            var grains = hosts[0].Services.GetRequiredService<IGrainFactory>();
            status = await SubmitAsync(grains, spec, stderr, clock, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && (IsLostNode(ex) || ex is InvalidOperationException or IOException))
        {
            stderr.WriteLine($"error: 集群未完成本次作业（{SystemErrors.Describe(ex)}）；请重新提交，已完成的分片会保留（the cluster did not finish the job; submit again）");
            return null;
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                host.Dispose();
            }
        }
        stderr.WriteLine($"作业 {spec.JobId}：{status.Shards} 个分片，本次运行 {status.ShardRuns} 个（其余此前已完成），目录 {spec.WorkDirectory}");
        return status;
    }

    /// <summary>Submits the job; a submission cut off (the job's silo died) is made again — what is done is kept.</summary>
    private static async Task<JobStatus> SubmitAsync(IGrainFactory grains, JobSpec spec, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        var job = grains.GetGrain<IJobGrain>(spec.JobId);
        for (var attempt = 1; ; attempt++)
        {
            var run = job.RunAsync(spec);
            var shown = -1;
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(2), clock, ct)).ConfigureAwait(false);
                if (!run.IsCompleted && await ProgressAsync(job).ConfigureAwait(false) is { Shards: > 0 } now && now.Done != shown)
                {
                    shown = now.Done;
                    stderr.WriteLine($"分片 {now.Done}/{now.Shards}");
                }
            }
            try
            {
                return await run.ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < Attempts && !ct.IsCancellationRequested && IsLostNode(ex))
            {
                // Until the cluster has declared the dead node dead (tens of seconds), calls to its grains expire.
                // The exception is the cluster's, not the user's to read: the line says what happens next.
                stderr.WriteLine("作业所在节点已失联，稍后重新提交（the job's node was lost; submitting again）");
                await Task.Delay(TimeSpan.FromSeconds(10), clock, ct).ConfigureAwait(false);
            }
        }
    }

    private const int Attempts = 10;

    private static bool IsLostNode(Exception ex) => ex is OrleansException or TimeoutException or OperationCanceledException;

    private static async Task<JobStatus?> ProgressAsync(IJobGrain job)
    {
        try
        {
            return await job.GetStatusAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsLostNode(ex))
        {
            return null; // progress is a courtesy; the run's own outcome decides
        }
    }

    private static int Assemble(JobSpec spec, JobStatus status, Evaluator evaluator, DateOnly asOf, ScreenRequest request, Stopwatch stopwatch,
        TextWriter stdout, TextWriter stderr)
    {
        ScreenSummary summary;
        try
        {
            request.Output.Directory?.Create();
            using var results = new FileStream(request.Output.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            using var errors = request.Errors is null ? null : new FileStream(request.Errors.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            results.Write(ResultFileHeader.Line(evaluator.Library, asOf));
            (summary, var log) = new JobDirectory(spec.WorkDirectory).Assemble(status.Shards, results, errors);
            foreach (var line in log)
            {
                stderr.WriteLine(line);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        stopwatch.Stop();
        return ScreenCommand.Report(summary, asOf, stopwatch.Elapsed, request.Errors, stdout, stderr);
    }

    /// <summary>A client of the platform's cluster, found through the membership table in PostgreSQL.</summary>
    private static IHost Client(string connection, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        Quiet(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, new ClusterSettings().ServiceId));
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (OrleansSchema.Invariant, connection));
        });
        return builder.Build();
    }

    /// <summary><paramref name="count"/> silos in this process (localhost clustering): the cluster path on one machine.</summary>
    private static IHost[] LocalSilos(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var builder = Host.CreateApplicationBuilder();
            Quiet(builder.Logging);
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(LocalSiloPort + i, LocalGatewayPort + i, new IPEndPoint(IPAddress.Loopback, LocalSiloPort), "tidu-screen", "tidu-screen");
                silo.Services.AddTiduClusterServices();
            });
            return builder.Build();
        })];

    /// <summary>Warnings and errors on stderr only: stdout carries the summary table.</summary>
    private static void Quiet(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        // Its first check compares with the epoch and warns of a "stall" of decades at every start.
        logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        // A lost node shows as connection errors with stack traces; the job says in its own words what it ran again.
        logging.AddFilter("Orleans", LogLevel.Error);
    }
}
