using System.Security.Cryptography;
using Tidu.Rules.Evaluation;

namespace Tidu.Cluster.Jobs;

/// <summary>
/// A whole-file screening job for the cluster. <see cref="JobId"/> is derived from what decides the output — the
/// file's content, the date, the rule versions (the results header) and whether checks are explained — so the same
/// job submitted twice, from any node, is one job. Paths must be readable (input, rules) and writable (work folder) by
/// every node: a shared volume in a deployment, the same disk on one machine.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobSpec(
    [property: Id(0)] string JobId,
    [property: Id(1)] string InputPath,
    [property: Id(2)] string WorkDirectory,
    [property: Id(3)] DateOnly AsOf,
    [property: Id(4)] bool Explain,
    [property: Id(5)] string? RulesDirectory,
    [property: Id(6)] string RulesDigest,
    [property: Id(7)] long ShardBytes,
    [property: Id(8)] string Work = JobSpec.ScreenWork,
    [property: Id(9)] string? GapTier = null,
    [property: Id(10)] bool GapNext = false,
    [property: Id(11)] string? ReformPath = null,
    [property: Id(12)] string? Jurisdiction = null,
    [property: Id(13)] string? ProjectsPath = null,
    [property: Id(14)] string? SimulationDigest = null)
{
    /// <summary><see cref="Work"/>: screening (<c>tidu screen</c>'s results file).</summary>
    public const string ScreenWork = "screen";

    /// <summary><see cref="Work"/>: gap lists (<c>tidu gap</c>'s JSON lines), for <see cref="GapTier"/> or <see cref="GapNext"/>.</summary>
    public const string GapWork = "gap";

    /// <summary><see cref="Work"/>: bulk evaluation (<c>tidu evaluate</c>'s JSON Lines results file), with checks when <see cref="Explain"/>.</summary>
    public const string EvaluateWork = "evaluate";

    /// <summary>
    /// <see cref="Work"/>: a reform simulation (<c>tidu simulate</c>'s totals) of <see cref="ReformPath"/>, with the projects of
    /// <see cref="ProjectsPath"/>, over the enterprises registered in <see cref="Jurisdiction"/> (all when null).
    /// </summary>
    public const string SimulateWork = "simulate";

    /// <summary>About 8 MB of JSON Lines a shard (~10–20 thousand profiles): small enough that a lost shard costs seconds.</summary>
    public const long DefaultShardBytes = 8L << 20;

    /// <summary>
    /// The job for <paramref name="inputPath"/> screened with <paramref name="evaluator"/>'s rules on
    /// <paramref name="asOf"/>; its folder is <paramref name="workRoot"/>/JobId. Reads the input once to hash it. The shard
    /// size is not part of the identity: a job keeps the shards it was first planned with.
    /// </summary>
    public static JobSpec Create(string inputPath, string workRoot, DateOnly asOf, bool explain, Evaluator evaluator, string? rulesDirectory,
        long shardBytes = DefaultShardBytes) =>
        Create(inputPath, workRoot, asOf, explain, evaluator, rulesDirectory, shardBytes, ScreenWork, null, false);

    /// <summary>The gap-list job for <paramref name="inputPath"/>: which gaps (<paramref name="tier"/>, <paramref name="next"/>) are part of its identity.</summary>
    public static JobSpec CreateGap(string inputPath, string workRoot, DateOnly asOf, string? tier, bool next, Evaluator evaluator, string? rulesDirectory,
        long shardBytes = DefaultShardBytes) =>
        Create(inputPath, workRoot, asOf, false, evaluator, rulesDirectory, shardBytes, GapWork, tier, next);

    /// <summary>The bulk-evaluation job for <paramref name="inputPath"/>: whether checks are written (<paramref name="checks"/>) is part of its identity.</summary>
    public static JobSpec CreateEvaluate(string inputPath, string workRoot, DateOnly asOf, bool checks, Evaluator evaluator, string? rulesDirectory,
        long shardBytes = DefaultShardBytes) =>
        Create(inputPath, workRoot, asOf, checks, evaluator, rulesDirectory, shardBytes, EvaluateWork, null, false);

    /// <summary>
    /// The reform-simulation job for <paramref name="inputPath"/>: the reform's and the projects' content
    /// (<see cref="SimulationDigestOf"/>) and the jurisdiction are part of its identity.
    /// </summary>
    public static JobSpec CreateSimulate(string inputPath, string workRoot, DateOnly asOf, Evaluator evaluator, string? rulesDirectory, string reformPath,
        string? jurisdiction, string? projectsPath, long shardBytes = DefaultShardBytes)
    {
        var (reform, projects) = (Path.GetFullPath(reformPath), projectsPath is null ? null : Path.GetFullPath(projectsPath));
        var digest = SimulationDigestOf(reform, projects);
        return Create(inputPath, workRoot, asOf, false, evaluator, rulesDirectory, shardBytes, SimulateWork, null, false, $"{digest}|{jurisdiction}") with
        {
            ReformPath = reform,
            Jurisdiction = jurisdiction,
            ProjectsPath = projects,
            SimulationDigest = digest,
        };
    }

    /// <summary>The content of a simulation's reform file and projects file, as one digest (a node checks it reads the same files).</summary>
    public static string SimulationDigestOf(string reformPath, string? projectsPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in new[] { reformPath, projectsPath })
        {
            hash.AppendData(new[] { path is null ? (byte)0 : (byte)1 });
            if (path is not null)
            {
                hash.AppendData(SHA256.HashData(File.ReadAllBytes(path)));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static JobSpec Create(string inputPath, string workRoot, DateOnly asOf, bool explain, Evaluator evaluator, string? rulesDirectory,
        long shardBytes, string work, string? tier, bool next, string? more = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var input = Path.GetFullPath(inputPath);
        string content;
        using (var stream = File.OpenRead(input))
        {
            content = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        var rules = RulesDigestOf(evaluator, asOf);
        // A screening job keeps the identity it had before other kinds of work existed.
        var identity = work switch
        {
            ScreenWork => $"{content}|{rules}|{explain}",
            EvaluateWork => $"{content}|{rules}|{work}|{explain}",
            SimulateWork => $"{content}|{rules}|{work}|{more}",
            _ => $"{content}|{rules}|{work}|{tier}|{next}",
        };
        var id = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity)))[..32];
        return new JobSpec(id, input, Path.Combine(Path.GetFullPath(workRoot), id), asOf, explain,
            rulesDirectory is null ? null : Path.GetFullPath(rulesDirectory), rules, shardBytes, work, tier, next);
    }

    /// <summary>The rule versions a result file names in its header (<see cref="ResultFileHeader"/>), as a digest.</summary>
    public static string RulesDigestOf(Evaluator evaluator, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        return Convert.ToHexStringLower(SHA256.HashData(ResultFileHeader.Line(evaluator.Library, asOf)));
    }
}

/// <summary>Where a job stands: shards done of all, records screened by the shards done, and how many shard runs this submission started.</summary>
[GenerateSerializer, Immutable]
public sealed record JobStatus(
    [property: Id(0)] int Shards,
    [property: Id(1)] int Done,
    [property: Id(2)] long Records,
    [property: Id(3)] int ShardRuns)
{
    public bool Complete => Shards > 0 && Done == Shards;
}
