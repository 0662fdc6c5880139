namespace Tidu.Domain.Profiles;

/// <summary>Counts of valid IP items related to the main product. Class-I subsets are counted inside <see cref="ClassI"/>.</summary>
public sealed record IntellectualProperty
{
    public int? ClassI { get; init; }
    public int? ClassISelfDeveloped { get; init; }
    public int? ClassIHighValue { get; init; }
    public int? ClassIApplied { get; init; }
    public int? ClassII { get; init; }
    public int? InventionPatents { get; init; }
}
