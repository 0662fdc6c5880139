namespace Tidu.Data.Scoping;

/// <summary>A write touched an enterprise outside the actor's region scope; nothing was saved.</summary>
public sealed class RegionScopeViolationException(string message) : Exception(message);
