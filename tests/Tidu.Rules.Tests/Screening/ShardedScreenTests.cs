using Shouldly;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Screening;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Screening;

/// <summary>
/// A file screened as shards, each on its own and in any order, then put together, is what one run over the file
/// writes: the same results, the same errors (line numbers and ordinals over the whole file) and the same counts.
/// </summary>
public sealed class ShardedScreenTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-shards-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static ScreenPipeline Pipeline() => new(Engine.Evaluator, AsOf, explain: false);

    [Theory]
    [InlineData(40_000)]
    [InlineData(1)]
    [InlineData(10_000_000)]
    public void Shards_run_in_reverse_order_and_assembled_equal_one_run(long shardBytes)
    {
        var input = PathOf("profiles.jsonl");
        ScreenInput.Write(input, Engine.Evaluator.Library, 600, 31);
        var (expectedResults, expectedErrors, expected, expectedLog) = OneRun(input);

        var job = new JobDirectory(PathOf("job"));
        var shards = job.LoadOrPlan(input, shardBytes);
        foreach (var shard in shards.Reverse())
        {
            job.RunShard(new ScreenShardWork(Pipeline()), input, shard);
        }
        using var results = new MemoryStream();
        using var errors = new MemoryStream();
        var (summary, log) = job.Assemble(shards.Count, results, errors);

        results.ToArray().ShouldBe(expectedResults);
        errors.ToArray().ShouldBe(expectedErrors);
        expectedErrors.Length.ShouldBeGreaterThan(0, "the input has invalid lines, so the errors are compared too");
        log.ShouldBe(expectedLog);
        summary.Valid.ShouldBe(expected.Valid);
        summary.Invalid.ShouldBe(expected.Invalid);
        summary.Failed.ShouldBe(expected.Failed);
        summary.Tiers.ShouldBe(expected.Tiers);
        summary.BySize.ShouldBe(expected.BySize, ignoreOrder: true);
        summary.Qualified.ShouldBe(expected.Qualified, ignoreOrder: true);
        summary.NearMisses.ShouldBe(expected.NearMisses, ignoreOrder: true);
        summary.NearMissChecks.Keys.ShouldBe(expected.NearMissChecks.Keys, ignoreOrder: true);
        foreach (var (tier, checks) in expected.NearMissChecks)
        {
            summary.NearMissChecks[tier].ShouldBe(checks, ignoreOrder: true);
        }
        summary.CheckTitles.ShouldBe(expected.CheckTitles, ignoreOrder: true);
    }

    [Fact]
    public void Shards_are_whole_lines_that_cover_the_file_and_number_their_first_line()
    {
        var input = PathOf("profiles.jsonl");
        ScreenInput.Write(input, Engine.Evaluator.Library, 300, 32);
        var bytes = File.ReadAllBytes(input);
        using var stream = File.OpenRead(input);

        var shards = JobShards.Plan(stream, 20_000);

        shards.Count.ShouldBeGreaterThan(3);
        shards[0].Offset.ShouldBe(0);
        shards.Sum(s => s.Length).ShouldBe(bytes.Length);
        for (var i = 0; i < shards.Count; i++)
        {
            shards[i].Index.ShouldBe(i);
            var before = bytes.AsSpan(0, (int)shards[i].Offset);
            shards[i].FirstLine.ShouldBe(before.Count((byte)'\n') + 1);
            if (i > 0)
            {
                shards[i].Offset.ShouldBe(shards[i - 1].Offset + shards[i - 1].Length);
                bytes[shards[i].Offset - 1].ShouldBe((byte)'\n', "a shard starts after a line end");
            }
        }
    }

    [Fact]
    public void A_file_that_is_not_json_lines_is_one_shard_and_an_empty_file_one_empty_shard()
    {
        using var array = new MemoryStream("[\n{\"creditCode\": \"x\"},\n{\"creditCode\": \"y\"}\n]\n"u8.ToArray());
        JobShards.Plan(array, 4).ShouldBe([new JobShard(0, 0, array.Length, 1, JsonLines: false)]);
        using var empty = new MemoryStream();
        JobShards.Plan(empty, 4).ShouldBe([new JobShard(0, 0, 0, 1, JsonLines: false)]);
    }

    [Fact]
    public void A_shard_screened_twice_leaves_the_same_bytes_and_the_plan_is_kept()
    {
        var input = PathOf("profiles.jsonl");
        ScreenInput.Write(input, Engine.Evaluator.Library, 200, 33);
        var job = new JobDirectory(PathOf("job"));
        var shards = job.LoadOrPlan(input, 30_000);
        job.IsDone(1).ShouldBeFalse();

        job.RunShard(new ScreenShardWork(Pipeline()), input, shards[1]);
        var first = Directory.GetFiles(job.Path, "shard-00001.*").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        job.RunShard(new ScreenShardWork(Pipeline()), input, shards[1]);
        var second = Directory.GetFiles(job.Path, "shard-00001.*").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();

        job.IsDone(1).ShouldBeTrue();
        first.Count.ShouldBe(3, "results, errors and counts; no attempt's leftovers");
        second.ShouldBe(first);
        job.LoadOrPlan(input, 1).ShouldBe(shards, "a job keeps the shards it was first planned with");
    }

    [Fact]
    public void Putting_a_job_together_before_every_shard_is_done_is_refused()
    {
        var input = PathOf("profiles.jsonl");
        ScreenInput.Write(input, Engine.Evaluator.Library, 200, 34);
        var job = new JobDirectory(PathOf("job"));
        var shards = job.LoadOrPlan(input, 30_000);
        job.RunShard(new ScreenShardWork(Pipeline()), input, shards[0]);

        Should.Throw<InvalidOperationException>(() => job.Assemble(shards.Count, Stream.Null, null));
    }

    private static (byte[] Results, byte[] Errors, ScreenSummary Summary, List<string> Log) OneRun(string input)
    {
        using var file = File.OpenRead(input);
        using var results = new MemoryStream();
        using var errors = new MemoryStream();
        using var log = new StringWriter();
        var summary = Pipeline().Run(file, results, errors, _ => { }, log);
        return (results.ToArray(), errors.ToArray(), summary, log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList());
    }
}
