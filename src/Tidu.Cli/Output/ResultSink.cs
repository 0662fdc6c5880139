using System.Text;
using System.Text.Json;
using Tidu.Rules.Evaluation;

namespace Tidu.Cli.Output;

/// <summary>Where evaluation results go, in input order: JSON Lines (streamed), one JSON array, or a Chinese table.</summary>
internal abstract class ResultSink : IDisposable
{
    public abstract void Add(EnterpriseEvaluation evaluation);

    public abstract void Dispose();

    public static ResultSink For(string format, TextWriter stdout, bool noChecks) => format switch
    {
        "json" => new JsonArraySink(stdout, noChecks),
        "table" => new TableSink(stdout),
        _ => new JsonLinesSink(stdout, noChecks),
    };

    private sealed class JsonLinesSink(TextWriter stdout, bool noChecks) : ResultSink
    {
        private readonly MemoryStream _buffer = new();

        public override void Add(EnterpriseEvaluation evaluation)
        {
            _buffer.SetLength(0);
            using (var w = new Utf8JsonWriter(_buffer, EvaluationJsonWriter.Options))
            {
                EvaluationJsonWriter.Write(w, evaluation, !noChecks);
            }
            stdout.WriteLine(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        }

        public override void Dispose()
        {
            _buffer.Dispose();
            stdout.Flush();
        }
    }

    private sealed class JsonArraySink : ResultSink
    {
        private readonly TextWriter _stdout;
        private readonly bool _noChecks;
        private readonly MemoryStream _buffer = new();
        private readonly Utf8JsonWriter _writer;

        public JsonArraySink(TextWriter stdout, bool noChecks)
        {
            _stdout = stdout;
            _noChecks = noChecks;
            _writer = new Utf8JsonWriter(_buffer, EvaluationJsonWriter.Options with { Indented = true });
            _writer.WriteStartArray();
        }

        public override void Add(EnterpriseEvaluation evaluation) => EvaluationJsonWriter.Write(_writer, evaluation, !_noChecks);

        public override void Dispose()
        {
            _writer.WriteEndArray();
            _writer.Flush();
            _stdout.WriteLine(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
            _stdout.Flush();
            _writer.Dispose();
            _buffer.Dispose();
        }
    }
}
