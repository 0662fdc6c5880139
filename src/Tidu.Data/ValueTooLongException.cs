namespace Tidu.Data;

/// <summary>
/// A text is longer than its column holds (HasMaxLength). Checked by the context before every save, so SQLite, which
/// would store it, and PostgreSQL, which would fail the whole transaction, answer alike; nothing is saved.
/// </summary>
public sealed class ValueTooLongException(string entity, string property, int limit, int length)
    : Exception($"{entity}.{property} holds at most {limit} characters, got {length}")
{
    public string Entity { get; } = entity;
    public string Property { get; } = property;
    public int Limit { get; } = limit;
    public int Length { get; } = length;
}
