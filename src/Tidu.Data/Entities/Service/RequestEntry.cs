namespace Tidu.Data.Entities.Service;

/// <summary>One step of a request, append-only: accepted, replied (with the answer), escalated (from → to), closed.</summary>
public sealed class RequestEntry
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public EnterpriseRequest Request { get; set; } = null!;

    /// <summary>submit, accept, reply, escalate or close.</summary>
    public required string Kind { get; set; }

    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Text { get; set; }
    public string? FromLevel { get; set; }
    public string? ToLevel { get; set; }
}
