using System.Text.Json;

namespace Tidu.Rules.Batches;

/// <summary>
/// What a batch run did with its input records. Nothing is lost: every record read is counted exactly once — with a
/// result, invalid (reported with its errors), failed (reported with the internal error) or outside the run's scope.
/// </summary>
public sealed class BatchTally
{
    public long Read { get; set; }
    public long Done { get; set; }
    public long Invalid { get; set; }
    public long Failed { get; set; }

    /// <summary>Valid records the run does not cover (e.g. registered outside <c>--jurisdiction</c>).</summary>
    public long OutOfScope { get; set; }

    /// <summary>Whether a record was invalid or failed (the others have results).</summary>
    public bool Incomplete => Invalid + Failed > 0;

    /// <summary>Adds another part's counts (a shard of the same file).</summary>
    public void Add(BatchTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        (Read, Done, Invalid, Failed, OutOfScope) = (Read + other.Read, Done + other.Done, Invalid + other.Invalid, Failed + other.Failed, OutOfScope + other.OutOfScope);
    }

    /// <summary>The lines after the run on stderr: the invalid count (as before), the failures, and the full account when either occurred.</summary>
    public void WriteSummary(TextWriter stderr, string? invalidLine = null, string outOfScopeMeaning = "outside the run's scope")
    {
        ArgumentNullException.ThrowIfNull(stderr);
        if (Invalid > 0 || invalidLine is not null)
        {
            stderr.WriteLine(invalidLine ?? $"{Invalid} invalid record(s) skipped");
        }
        if (Failed > 0)
        {
            stderr.WriteLine($"{Failed} record(s) failed with an internal error (each reported above as 'failed record …'); every other record was processed");
            stderr.WriteLine($"{Failed} 条记录处理时发生内部错误（见上方各行），其余记录已照常处理。");
        }
        if (Invalid + Failed > 0)
        {
            stderr.WriteLine($"{Read} record(s) read: {Done} with results, {Invalid} invalid, {Failed} failed" + (OutOfScope > 0 ? $", {OutOfScope} {outOfScopeMeaning}" : ""));
        }
    }

    /// <summary>The counts as one JSON object (a shard's counts in a job's folder).</summary>
    public void WriteJson(Stream output)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        WriteProperties(w);
        w.WriteEndObject();
    }

    /// <summary>The counts as properties of an object being written (a shard's counts with more beside them).</summary>
    public void WriteProperties(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteNumber("read", Read);
        w.WriteNumber("done", Done);
        w.WriteNumber("invalid", Invalid);
        w.WriteNumber("failed", Failed);
        w.WriteNumber("outOfScope", OutOfScope);
    }

    /// <summary>Counts written by <see cref="WriteJson"/>.</summary>
    public static BatchTally ReadJson(Stream input)
    {
        using var doc = JsonDocument.Parse(input);
        return Of(doc.RootElement);
    }

    /// <summary>Counts written by <see cref="WriteProperties"/> into <paramref name="o"/>.</summary>
    public static BatchTally Of(JsonElement o) =>
        new BatchTally
        {
            Read = o.GetProperty("read").GetInt64(),
            Done = o.GetProperty("done").GetInt64(),
            Invalid = o.GetProperty("invalid").GetInt64(),
            Failed = o.GetProperty("failed").GetInt64(),
            OutOfScope = o.GetProperty("outOfScope").GetInt64(),
        };
}
