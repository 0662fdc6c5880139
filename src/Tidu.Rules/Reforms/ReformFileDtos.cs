// The YAML shape of a reform (what-if) file, read by the rule files' strict reader.
#pragma warning disable CA1812 // instantiated by YamlDotNet
#pragma warning disable CA2227 // setters are required by the deserializer
using Tidu.Rules.Files;
using YamlDotNet.Serialization;

namespace Tidu.Rules.Reforms;

internal sealed class ReformFileDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? EffectiveFrom { get; set; }
    public string? Note { get; set; }
    public List<ChangeDto>? Changes { get; set; }
}

internal sealed class ChangeDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }

    /// <summary>Rule set (tier rules) or policy id.</summary>
    public string? RuleSet { get; set; }
    public string? Version { get; set; }

    /// <summary>Id of the check, indicator or clause the key belongs to.</summary>
    public string? Target { get; set; }

    /// <summary>Path of the parameter below the target: ge, bands.0.from, amount.cap, amount.factors.benchmark-rate.value …</summary>
    public string? Key { get; set; }
    public string? Value { get; set; }
    public string? Note { get; set; }
}
