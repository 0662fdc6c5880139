using System.Security.Cryptography;
using Tidu.Rules.Evaluation;

namespace Tidu.Cluster.Screening;

/// <summary>
/// A whole-file screening job for the cluster. <see cref="JobId"/> is derived from what decides the output — the
/// file's content, the date, the rule versions (the results header) and whether checks are explained — so the same
/// job submitted twice, from any node, is one job. Paths must be readable (input, rules) and writable (work folder) by
/// every node: a shared volume in a deployment, the same disk on one machine.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ScreenJobSpec(
    [property: Id(0)] string JobId,
    [property: Id(1)] string InputPath,
    [property: Id(2)] string WorkDirectory,
    [property: Id(3)] DateOnly AsOf,
    [property: Id(4)] bool Explain,
    [property: Id(5)] string? RulesDirectory,
    [property: Id(6)] string RulesDigest,
    [property: Id(7)] long ShardBytes,
    [property: Id(8)] string Work = ScreenJobSpec.ScreenWork,
    [property: Id(9)] string? GapTier = null,
    [property: Id(10)] bool GapNext = false)
{
    /// <summary><see cref="Work"/>: screening (<c>tidu screen</c>'s results file).</summary>
    public const string ScreenWork = "screen";

    /// <summary><see cref="Work"/>: gap lists (<c>tidu gap</c>'s JSON lines), for <see cref="GapTier"/> or <see cref="GapNext"/>.</summary>
    public const string GapWork = "gap";

    /// <summary>About 8 MB of JSON Lines a shard (~10–20 thousand profiles): small enough that a lost shard costs seconds.</summary>
    public const long DefaultShardBytes = 8L << 20;

    /// <summary>
    /// The job for <paramref name="inputPath"/> screened with <paramref name="evaluator"/>'s rules on
    /// <paramref name="asOf"/>; its folder is <paramref name="workRoot"/>/JobId. Reads the input once to hash it. The shard
    /// size is not part of the identity: a job keeps the shards it was first planned with.
    /// </summary>
    public static ScreenJobSpec Create(string inputPath, string workRoot, DateOnly asOf, bool explain, Evaluator evaluator, string? rulesDirectory,
        long shardBytes = DefaultShardBytes) =>
        Create(inputPath, workRoot, asOf, explain, evaluator, rulesDirectory, shardBytes, ScreenWork, null, false);

    /// <summary>The gap-list job for <paramref name="inputPath"/>: which gaps (<paramref name="tier"/>, <paramref name="next"/>) are part of its identity.</summary>
    public static ScreenJobSpec CreateGap(string inputPath, string workRoot, DateOnly asOf, string? tier, bool next, Evaluator evaluator, string? rulesDirectory,
        long shardBytes = DefaultShardBytes) =>
        Create(inputPath, workRoot, asOf, false, evaluator, rulesDirectory, shardBytes, GapWork, tier, next);

    private static ScreenJobSpec Create(string inputPath, string workRoot, DateOnly asOf, bool explain, Evaluator evaluator, string? rulesDirectory,
        long shardBytes, string work, string? tier, bool next)
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
        var identity = work == ScreenWork ? $"{content}|{rules}|{explain}" : $"{content}|{rules}|{work}|{tier}|{next}";
        var id = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity)))[..32];
        return new ScreenJobSpec(id, input, Path.Combine(Path.GetFullPath(workRoot), id), asOf, explain,
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
public sealed record ScreenJobStatus(
    [property: Id(0)] int Shards,
    [property: Id(1)] int Done,
    [property: Id(2)] long Records,
    [property: Id(3)] int ShardRuns)
{
    public bool Complete => Shards > 0 && Done == Shards;
}
