#pragma warning disable CA1812 // instantiated by YamlDotNet
#pragma warning disable CA2227 // setters are required by the deserializer
using YamlDotNet.Serialization;

namespace Tidu.Rules.Files;

/// <summary>
/// The <c>verification</c> record of a version (every kind of rule file): status, date, the reading used, the texts
/// compared with, and per-value records (<c>values</c>) where a value's status differs from the version's.
/// </summary>
internal sealed class VerificationDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }

    /// <summary>For a per-value record: the id of the check, indicator, clause or assignment it concerns.</summary>
    public string? Id { get; set; }

    /// <summary>verified or unverified.</summary>
    public string? Status { get; set; }

    /// <summary>The day the values were compared with the texts (ISO date).</summary>
    public string? On { get; set; }

    /// <summary>By which reading: who or what compared, and how.</summary>
    public string? By { get; set; }
    public List<SourceCheckDto>? Against { get; set; }
    public string? Note { get; set; }
    public List<VerificationDto>? Values { get; set; }
}

internal sealed class SourceCheckDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Document { get; set; }
    public string? Article { get; set; }

    /// <summary>primary, reprint or secondary.</summary>
    public string? Copy { get; set; }
    public string? Where { get; set; }
}
