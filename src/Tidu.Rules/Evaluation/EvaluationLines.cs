using System.Text;
using System.Text.Json;

namespace Tidu.Rules.Evaluation;

/// <summary>
/// One evaluation as a line of a results file — its rule versions by reference, the file's header names them in
/// full (<see cref="ResultFileHeader"/>): what <c>tidu evaluate</c> writes in JSON Lines, and each shard of
/// <c>tidu cluster evaluate</c>. One buffer reused: an instance serves one thread.
/// </summary>
public sealed class EvaluationLines(bool checks) : IDisposable
{
    private readonly MemoryStream _buffer = new();

    public string Of(EnterpriseEvaluation evaluation)
    {
        _buffer.SetLength(0);
        using (var w = new Utf8JsonWriter(_buffer, EvaluationJsonWriter.Options))
        {
            EvaluationJsonWriter.Write(w, evaluation, checks, RuleSetDetail.Reference);
        }
        return Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
    }

    public void Dispose() => _buffer.Dispose();
}
