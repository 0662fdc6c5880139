using System.Runtime.CompilerServices;
using System.Text.Json;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Plans;

namespace Tidu.Rules.Screening;

/// <summary>
/// Screens the records of chunks on one thread: reads each record from its bytes, evaluates it with the compiled plan
/// into this worker's workspace and writes its result line into the chunk's pooled buffer. Nothing is allocated per
/// record but the profile itself. A record that fails unexpectedly is reported for itself (the run goes on).
/// </summary>
internal sealed class ChunkWorker(Evaluator evaluator, DateOnly asOf, bool explain, int maxRecordBytes) : IDisposable
{
    /// <summary>What the user reads for a record the screening could not process (no exception text reaches them).</summary>
    public const string FailureReason = "处理此记录时发生内部错误，已跳过该记录（其他记录不受影响）；请将本记录与运行日志一并反馈给维护人员。";

    private readonly PlanSet _plans = evaluator.PlansOn(asOf);
    private readonly PlanWorkspace _workspace = new();
    private readonly PooledBuffer _placeholder = new(16);
    private ProfileParser? _parser;
    private Utf8JsonWriter? _outcomeWriter;
    private Utf8JsonWriter? _explanationWriter;

    public void Dispose()
    {
        _outcomeWriter?.Dispose();
        _explanationWriter?.Dispose();
        _placeholder.Dispose();
    }

    // Called once per chunk, with the loop over its records inside: jitted optimized at once rather than tiered up
    // by call counts it reaches only after hundreds of chunks.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(Chunk chunk)
    {
        _parser ??= ProfileParser.ForThisThread; // the parser of the worker's own thread
        if (chunk.Records is { } records)
        {
            foreach (var raw in records)
            {
                if (raw.FramingError is { } framing)
                {
                    Report(chunk, raw.Locator, "", framing, null);
                    chunk.Invalid++;
                }
                else
                {
                    Record(chunk, raw.Json.Span, raw.Locator, 0);
                }
                chunk.Count++;
            }
            return;
        }
        if (chunk.Oversized)
        {
            Report(chunk, LineLocator(chunk.FirstLine), "", ProfileReader.OversizedLine(maxRecordBytes), null);
            chunk.Invalid++;
            chunk.Count++;
            return;
        }
        var rest = chunk.Lines.AsSpan(chunk.Offset, chunk.Length);
        var line = chunk.FirstLine;
        while (!rest.IsEmpty)
        {
            var lf = rest.IndexOf((byte)'\n');
            var text = lf < 0 ? rest : rest[..lf];
            rest = lf < 0 ? default : rest[(lf + 1)..];
            if (text.Length > maxRecordBytes)
            {
                Report(chunk, LineLocator(line), "", ProfileReader.OversizedLine(maxRecordBytes), null);
                chunk.Invalid++;
                chunk.Count++;
            }
            else if (!ProfileReader.IsBlankLine(text))
            {
                Record(chunk, text, null, line);
                chunk.Count++;
            }
            line++;
        }
    }

    private static string LineLocator(long line) => $"line {line}";

    /// <summary>One record: its result line, or its errors, or — if anything throws — a report of the failure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Record(Chunk chunk, ReadOnlySpan<byte> json, string? locator, long line)
    {
        var mark = chunk.Output.WrittenCount;
        EnterpriseProfile? profile = null;
        try
        {
            profile = _parser!.Read(json);
            if (profile is null)
            {
                foreach (var e in _parser.Errors(locator ?? LineLocator(line)))
                {
                    Report(chunk, e.Record, e.Path, e.Reason, e.CreditCode);
                }
                chunk.Invalid++;
                return;
            }
            var plan = _plans.For(profile.RegionCode, _workspace);
            var outcome = plan.Evaluate(profile, _workspace, NearMissMode.Count);
            if (explain)
            {
                var w = _explanationWriter ??= new Utf8JsonWriter(_placeholder, EvaluationJsonWriter.Options);
                w.Reset(chunk.Output);
                EvaluationJsonWriter.Write(w, evaluator.Evaluate(profile, asOf, EvaluationDetail.Full), includeChecks: true, RuleSetDetail.Reference);
                w.Flush();
            }
            else
            {
                var w = _outcomeWriter ??= new Utf8JsonWriter(_placeholder, OutcomeJsonWriter.Options);
                w.Reset(chunk.Output);
                OutcomeJsonWriter.Write(w, profile, outcome);
                w.Flush();
            }
            chunk.Output.Write((byte)'\n');
            chunk.Tally.Add(outcome);
        }
        catch (Exception ex)
        {
            // Whatever went wrong with this record, it loses nothing else: its partial line is dropped and it is reported.
            chunk.Output.Truncate(mark);
            var at = locator ?? LineLocator(line);
            var code = profile?.CreditCode;
            Report(chunk, at, "", FailureReason, code);
            chunk.Log.Add($"{at}{(code is null ? "" : $" ({code})")}: {ex.GetType().FullName}: {ex.Message}");
            chunk.Failed++;
        }
    }

    private static void Report(Chunk chunk, string record, string path, string reason, string? creditCode) =>
        chunk.Reported.Add(new ReportedRecord(chunk.Count, record, path, reason, creditCode));
}
