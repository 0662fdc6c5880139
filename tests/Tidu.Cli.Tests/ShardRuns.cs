using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Rules.Screening;

namespace Tidu.Cli.Tests;

/// <summary>What the cluster command tests share: their input with a broken record, and shards run out of order and twice.</summary>
internal static class ShardRuns
{
    /// <summary>
    /// <paramref name="count"/> generated profiles in <paramref name="path"/> (JSON Lines) with line
    /// <paramref name="broken"/> (0-based) cut short, so that a record past the first shard is invalid.
    /// </summary>
    public static string BrokenInput(string path, int count, int seed, int broken)
    {
        GenerateCommand.Run(count, seed, [], 2025, new FileInfo(path), null, TextWriter.Null, oversample: 40).ShouldBe(0);
        var lines = File.ReadAllLines(path).ToList();
        lines[broken] = "{\"creditCode\": \"truncated";
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>
    /// Runs every shard of <paramref name="job"/> in reverse order, then the third again: the second run writes the same
    /// bytes into the same three files (results, errors, counts) and leaves nothing of the first attempt.
    /// </summary>
    public static void InReverseAndOneTwice(JobDirectory job, IShardWork work, string input, IReadOnlyList<JobShard> shards)
    {
        foreach (var shard in shards.Reverse())
        {
            job.RunShard(work, input, shard);
        }
        var first = Directory.GetFiles(job.Path, "shard-00002.*").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        job.RunShard(work, input, shards[2]);
        var second = Directory.GetFiles(job.Path, "shard-00002.*").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        first.Count.ShouldBe(3, "results, errors and counts; no attempt's leftovers");
        second.ShouldBe(first);
    }
}
