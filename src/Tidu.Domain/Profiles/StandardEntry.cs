namespace Tidu.Domain.Profiles;

/// <summary>A standard the enterprise led or took part in drafting.</summary>
public sealed record StandardEntry(string Level, string Role, int? Year);
