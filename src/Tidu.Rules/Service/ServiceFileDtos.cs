// The YAML shape of the service rule files under rules/service/ (commissioner assignment and the request
// categories), read by the rule files' strict reader: an unknown key is an error with its line.
#pragma warning disable CA1812 // instantiated by YamlDotNet
#pragma warning disable CA2227 // setters are required by the deserializer
using Tidu.Rules.Files;
using YamlDotNet.Serialization;

namespace Tidu.Rules.Service;

internal sealed class ServiceFileDto : SourcedFileDto
{
    public List<AssignmentVersionDto>? Versions { get; set; }
    public List<CategoryDto>? Categories { get; set; }
}

internal sealed class AssignmentVersionDto : DatedVersionDto
{
    public List<AssignmentDto>? Assignments { get; set; }
}

internal sealed class AssignmentDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }

    /// <summary>The level of government that equips the enterprise: county, city or province.</summary>
    public string? Level { get; set; }

    /// <summary>Recognitions (tier ids), any one of which valid on the date makes the clause apply.</summary>
    public List<string>? Tiers { get; set; }
    public string? Cite { get; set; }
    public string? Note { get; set; }
}

internal sealed class CategoryDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Cite { get; set; }
}
