namespace Tidu.Domain.Exchange;

/// <summary>
/// One input record whose processing failed with an unexpected exception (a defect, not bad input): where the record
/// is, its credit code when it was read that far, and the exception's type and message in English for logs. The user
/// reads <see cref="MessageZh"/>: the exception's text can carry inputs and internals, so it goes to the server log or
/// the run's <see cref="DefectLog"/>, never to the user's line. The run goes on with the next record and counts this one.
/// </summary>
public sealed record RecordFailure(long Ordinal, string Record, string? CreditCode, string ExceptionType, string ExceptionMessage)
{
    /// <summary>Exception messages can carry whole inputs: one line, at most this many characters, is kept.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>What the user is told, whatever the defect was.</summary>
    public const string MessageZh = "处理该记录时发生内部错误，该记录未得出结果，其余记录照常处理；请将此行报告给维护者。";

    /// <summary>
    /// The failure of the record at <paramref name="ordinal"/> (<paramref name="record"/>, e.g. "line 3") with
    /// <paramref name="exception"/>; the whole exception goes to the process's <see cref="DefectLog"/> when it has one.
    /// </summary>
    public static RecordFailure Of(long ordinal, string record, string? creditCode, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = string.Join(' ', exception.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (message.Length > MaxMessageLength)
        {
            message = string.Concat(message.AsSpan(0, MaxMessageLength), "…");
        }
        var failure = new RecordFailure(ordinal, record, creditCode, exception.GetType().Name, message);
        DefectLog.Current?.Write(failure, exception);
        return failure;
    }

    /// <summary>The English reason for logs, e.g. "internal error (InvalidOperationException): Sequence contains no matching element".</summary>
    public string Reason => $"internal error ({ExceptionType}): {ExceptionMessage}";

    /// <summary>One line for a log: record, credit code and the English reason.</summary>
    public string LogLine => $"failed record {Record}{(CreditCode is null ? "" : $" ({CreditCode})")}: {Reason}";

    /// <summary>
    /// The user's line: record, credit code and <see cref="MessageZh"/>, and where the details were written when the
    /// process keeps a <see cref="DefectLog"/>. No exception text.
    /// </summary>
    public override string ToString()
    {
        var details = DefectLog.Current is { Writable: true } log ? $"（技术细节已写入 {log.Path}）" : "";
        return $"failed record {Record}{(CreditCode is null ? "" : $" ({CreditCode})")}: internal error — {MessageZh}{details}";
    }
}
