using System.Text;
using System.Text.Json;
using Tidu.Rules;
using Tidu.Rules.Evaluation;

namespace Tidu.Cli.Output;

/// <summary>
/// Where evaluation results go, in input order: JSON Lines (streamed), one JSON array, or a Chinese table. A result is
/// rendered first (all that can fail for one record, inside its isolation), then added (only writing).
/// </summary>
internal abstract class ResultSink : IDisposable
{
    /// <summary>One result ready to be written: the evaluation and, for the JSON formats, its text.</summary>
    public sealed record Rendered(EnterpriseEvaluation Evaluation, string? Json);

    public virtual Rendered Render(EnterpriseEvaluation evaluation) => new(evaluation, null);

    public abstract void Add(Rendered result);

    public abstract void Dispose();

    /// <summary>
    /// The sink of <paramref name="format"/>. JSON Lines is a results file: its first line describes the rule versions in
    /// force on <paramref name="asOf"/> (<see cref="ResultFileHeader"/>) and each result names its versions by reference,
    /// as <c>screen</c> writes it; a JSON array holds whole results, each with its versions in full (as the API).
    /// </summary>
    public static ResultSink For(string format, TextWriter stdout, bool noChecks, RuleLibrary library, DateOnly asOf) => format switch
    {
        "json" => new JsonArraySink(stdout, noChecks),
        "table" => new TableSink(stdout),
        _ => new JsonLinesSink(stdout, noChecks, library, asOf),
    };

    private sealed class JsonLinesSink : ResultSink
    {
        private readonly EvaluationLines _lines;
        private readonly TextWriter _stdout;

        public JsonLinesSink(TextWriter stdout, bool noChecks, RuleLibrary library, DateOnly asOf)
        {
            _stdout = stdout;
            _lines = new EvaluationLines(!noChecks);
            var header = ResultFileHeader.Line(library, asOf);
            _stdout.Write(Encoding.UTF8.GetString(header));
        }

        public override Rendered Render(EnterpriseEvaluation evaluation) => new(evaluation, _lines.Of(evaluation));

        public override void Add(Rendered result) => _stdout.WriteLine(result.Json);

        public override void Dispose()
        {
            _lines.Dispose();
            _stdout.Flush();
        }
    }

    private sealed class JsonArraySink : ResultSink
    {
        private readonly TextWriter _stdout;
        private readonly bool _noChecks;
        private readonly MemoryStream _buffer = new();
        private readonly MemoryStream _output = new();
        private readonly Utf8JsonWriter _writer;

        public JsonArraySink(TextWriter stdout, bool noChecks)
        {
            _stdout = stdout;
            _noChecks = noChecks;
            _writer = new Utf8JsonWriter(_output, EvaluationJsonWriter.Options with { Indented = true });
            _writer.WriteStartArray();
        }

        public override Rendered Render(EnterpriseEvaluation evaluation) =>
            new(evaluation, Json(_buffer, evaluation, !_noChecks, EvaluationJsonWriter.Options with { Indented = true }, RuleSetDetail.Full));

        public override void Add(Rendered result) => _writer.WriteRawValue(result.Json!, skipInputValidation: true);

        public override void Dispose()
        {
            _writer.WriteEndArray();
            _writer.Flush();
            _stdout.WriteLine(Encoding.UTF8.GetString(_output.GetBuffer(), 0, (int)_output.Length));
            _stdout.Flush();
            _writer.Dispose();
            _output.Dispose();
            _buffer.Dispose();
        }
    }

    /// <summary>One evaluation as JSON text (a reused buffer: sinks are used by one thread).</summary>
    private static string Json(MemoryStream buffer, EnterpriseEvaluation evaluation, bool checks, JsonWriterOptions options, RuleSetDetail ruleSets)
    {
        buffer.SetLength(0);
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            EvaluationJsonWriter.Write(w, evaluation, checks, ruleSets);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
