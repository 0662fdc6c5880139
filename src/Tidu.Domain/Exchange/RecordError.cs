namespace Tidu.Domain.Exchange;

/// <summary>
/// One problem with one input record: where the record is (<see cref="Record"/>, e.g. "line 3" or "index 2"),
/// the JSON Pointer of the offending value inside it, and the reason (English, for logs and stderr).
/// </summary>
public sealed record RecordError(string Record, string Path, string Reason, string? CreditCode = null)
{
    public override string ToString() =>
        CreditCode is null ? $"{Record}: {Path}: {Reason}" : $"{Record} ({CreditCode}): {Path}: {Reason}";
}
