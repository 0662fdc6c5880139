namespace Tidu.Domain.Regions;

/// <summary>One node of the GB/T 2260 region tree: province, city or county.</summary>
public sealed record Region(string Code, string Name, string? Parent, string Level);
