namespace Tidu.Domain.Profiles;

/// <summary>A tier already recognised. Valid on a date D when it has no end or ends on or after D.</summary>
public sealed record Recognition(string Tier, DateOnly RecognizedOn, DateOnly? ValidUntil, string? Issuer)
{
    public bool IsValidOn(DateOnly date) => RecognizedOn <= date && (ValidUntil is null || ValidUntil.Value >= date);
}
