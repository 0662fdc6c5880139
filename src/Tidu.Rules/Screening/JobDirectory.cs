using System.Globalization;
using System.Text.Json;
using Tidu.Rules.Evaluation;

namespace Tidu.Rules.Screening;

/// <summary>
/// The folder of one screening job split into shards: the shard plan, and each shard's output under its index —
/// results, errors and counts. A shard's files appear whole or not at all (written aside, then renamed; the counts
/// last, as the mark that the shard is done), and a shard screened twice writes the same bytes, so a shard run again
/// after its node died, or by two nodes at once, changes nothing. Putting the job together reads the shards in order.
/// </summary>
public sealed class JobDirectory
{
    public JobDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    private string PlanFile => File("plan.json");

    private string Results(int index) => File($"shard-{index.ToString("D5", CultureInfo.InvariantCulture)}.results.jsonl");

    private string Errors(int index) => File($"shard-{index.ToString("D5", CultureInfo.InvariantCulture)}.errors.jsonl");

    private string Counts(int index) => File($"shard-{index.ToString("D5", CultureInfo.InvariantCulture)}.counts.json");

    private string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The job's shards: planned once (the first time) and read back ever after, so a job's shards never change.</summary>
    public IReadOnlyList<JobShard> LoadOrPlan(string inputPath, long targetBytes)
    {
        if (System.IO.File.Exists(PlanFile))
        {
            using var stored = System.IO.File.OpenRead(PlanFile);
            using var doc = JsonDocument.Parse(stored);
            return doc.RootElement.EnumerateArray()
                .Select(s => new JobShard(s[0].GetInt32(), s[1].GetInt64(), s[2].GetInt64(), s[3].GetInt64(), s[4].GetBoolean())).ToList();
        }
        Directory.CreateDirectory(Path);
        IReadOnlyList<JobShard> shards;
        using (var input = OpenInput(inputPath))
        {
            shards = JobShards.Plan(input, targetBytes);
        }
        WriteWhole(PlanFile, stream =>
        {
            using var w = new Utf8JsonWriter(stream);
            w.WriteStartArray();
            foreach (var s in shards)
            {
                w.WriteStartArray();
                w.WriteNumberValue(s.Index);
                w.WriteNumberValue(s.Offset);
                w.WriteNumberValue(s.Length);
                w.WriteNumberValue(s.FirstLine);
                w.WriteBooleanValue(s.JsonLines);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        });
        return shards;
    }

    /// <summary>Whether the shard's output is complete (its counts, written last, exist).</summary>
    public bool IsDone(int index) => System.IO.File.Exists(Counts(index));

    /// <summary>Runs <paramref name="work"/> on one shard of <paramref name="inputPath"/> into this folder; returns its record count.</summary>
    public long RunShard(IShardWork work, string inputPath, JobShard shard)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(shard);
        Directory.CreateDirectory(Path);
        var attempt = "." + Guid.NewGuid().ToString("N") + ".part";
        var (results, errors, counts) = (Results(shard.Index) + attempt, Errors(shard.Index) + attempt, Counts(shard.Index) + attempt);
        long records;
        try
        {
            using (var input = OpenInput(inputPath))
            using (var resultStream = new FileStream(results, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var errorStream = new FileStream(errors, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var countStream = new FileStream(counts, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                input.Seek(shard.Offset, SeekOrigin.Begin);
                records = work.Run(new RangeStream(input, shard.Length), shard, resultStream, errorStream, countStream);
            }
            System.IO.File.Move(results, Results(shard.Index), overwrite: true);
            System.IO.File.Move(errors, Errors(shard.Index), overwrite: true);
            System.IO.File.Move(counts, Counts(shard.Index), overwrite: true);
        }
        finally
        {
            foreach (var left in new[] { results, errors, counts })
            {
                System.IO.File.Delete(left);
            }
        }
        return records;
    }

    /// <summary>
    /// Copies the shards' results in input order after whatever <paramref name="results"/> already holds (the header),
    /// handing each shard's errors and counts, in order, to <paramref name="each"/>.
    /// </summary>
    public void AssembleParts(int shards, Stream results, Action<Stream, Stream> each)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(each);
        for (var i = 0; i < shards; i++)
        {
            if (!IsDone(i))
            {
                throw new InvalidOperationException($"shard {i} of the job in {Path} has no output yet");
            }
            using (var part = System.IO.File.OpenRead(Results(i)))
            {
                part.CopyTo(results);
            }
            using var errors = System.IO.File.OpenRead(Errors(i));
            using var counts = System.IO.File.OpenRead(Counts(i));
            each(errors, counts);
        }
    }

    /// <summary>
    /// Writes the shards' results (and errors, their ordinals counted over the whole file) in input order after whatever
    /// <paramref name="results"/> already holds (the header); returns the counts of the whole file and the log lines.
    /// </summary>
    public (ScreenSummary Summary, IReadOnlyList<string> Log) Assemble(int shards, Stream results, Stream? errors)
    {
        ArgumentNullException.ThrowIfNull(results);
        var total = new ScreenSummary();
        var log = new List<string>();
        using var line = new PooledBuffer(1024);
        using var writer = new Utf8JsonWriter(line, EvaluationJsonWriter.Options);
        AssembleParts(shards, results, (shardErrors, counts) =>
        {
            if (errors is not null)
            {
                using var reader = new StreamReader(shardErrors);
                while (reader.ReadLine() is { } text)
                {
                    using var doc = JsonDocument.Parse(text);
                    var e = doc.RootElement;
                    var record = new ReportedRecord(0, e.GetProperty("record").GetString()!, e.GetProperty("path").GetString()!,
                        e.GetProperty("reason").GetString()!, e.TryGetProperty("creditCode", out var code) ? code.GetString() : null);
                    ScreenPipeline.WriteError(errors, writer, line, record, total.Records + e.GetProperty("ordinal").GetInt64());
                }
            }
            var (summary, lines) = ScreenSummaryJson.Read(counts);
            total.Add(summary);
            log.AddRange(lines);
        });
        return (total, log);
    }

    private static FileStream OpenInput(string inputPath) =>
        new(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    private static void WriteWhole(string path, Action<Stream> write)
    {
        var part = path + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            using (var stream = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }
            System.IO.File.Move(part, path, overwrite: true);
        }
        finally
        {
            System.IO.File.Delete(part);
        }
    }
}
