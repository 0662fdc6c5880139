namespace Tidu.Domain.Exchange;

/// <summary>
/// One input record whose processing failed with an unexpected exception (a defect, not bad input): where the record
/// is, its credit code when it was read that far, and the exception's type and message in English for logs. The user
/// reads <see cref="MessageZh"/>; no stack trace is kept. The run goes on with the next record and counts this one.
/// </summary>
public sealed record RecordFailure(long Ordinal, string Record, string? CreditCode, string ExceptionType, string ExceptionMessage)
{
    /// <summary>Exception messages can carry whole inputs: one line, at most this many characters, is kept.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>What the user is told, whatever the defect was.</summary>
    public const string MessageZh = "处理该记录时发生内部错误，该记录未得出结果，其余记录照常处理；请将此行报告给维护者。";

    /// <summary>The failure of the record at <paramref name="ordinal"/> (<paramref name="record"/>, e.g. "line 3") with <paramref name="exception"/>.</summary>
    public static RecordFailure Of(long ordinal, string record, string? creditCode, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = string.Join(' ', exception.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (message.Length > MaxMessageLength)
        {
            message = string.Concat(message.AsSpan(0, MaxMessageLength), "…");
        }
        return new RecordFailure(ordinal, record, creditCode, exception.GetType().Name, message);
    }

    /// <summary>The English reason, e.g. "internal error (InvalidOperationException): Sequence contains no matching element".</summary>
    public string Reason => $"internal error ({ExceptionType}): {ExceptionMessage}";

    /// <summary>One line for logs and stderr: record, credit code, reason in English, then the user's message.</summary>
    public override string ToString() =>
        $"failed record {Record}{(CreditCode is null ? "" : $" ({CreditCode})")}: {Reason} — {MessageZh}";
}
