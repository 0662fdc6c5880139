namespace Tidu.Data.Scoping;

/// <summary>Supplies the scope of whoever is acting now (the web request's user, an API key, a system job).</summary>
public interface IRegionScopeSource
{
    RegionScope Current { get; }
}

/// <summary>A fixed scope, for jobs, the CLI and tests.</summary>
public sealed class FixedRegionScope(RegionScope scope) : IRegionScopeSource
{
    public RegionScope Current { get; } = scope;
}
