namespace Tidu.Domain.Exchange;

/// <summary>
/// The bytes of one input record before parsing, or the reason it could not be cut out of the file
/// (oversized, truncated). Splitting and parsing are separate so records can be parsed on all cores.
/// </summary>
public sealed record RawRecord(long Ordinal, string Locator, ReadOnlyMemory<byte> Json, string? FramingError = null);
