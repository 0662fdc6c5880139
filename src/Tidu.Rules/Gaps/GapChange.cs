using System.Text.Json.Nodes;

namespace Tidu.Rules.Gaps;

/// <summary>
/// One change of the input profile: set the value at <see cref="Path"/> (a JSON Pointer into the input profile,
/// missing objects created) from <see cref="Current"/> to <see cref="Needed"/>, the nearest passing value
/// (money rounded up to 0.01 万元, counts whole). A list is given whole (e.g. the certifications with one added).
/// </summary>
public sealed record GapChange(string Check, string Title, string Path, JsonNode? Current, JsonNode? Needed, string? Unit, Effort Effort);
