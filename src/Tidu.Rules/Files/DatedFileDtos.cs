// The parts every dated rule file shares (rule sets, support policies, service rules): the file's identity and legal
// source, and each version's dates, citation and verification record. One shape, so one reader checks them alike.
#pragma warning disable CA1812 // instantiated by YamlDotNet
using YamlDotNet.Serialization;

namespace Tidu.Rules.Files;

/// <summary>The head of a rule file: id, kind, title, jurisdiction and the legal source it implements.</summary>
internal abstract class SourcedFileDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Jurisdiction { get; set; }
    public SourceDto? Source { get; set; }
}

/// <summary>A version of a rule file: in force from <see cref="EffectiveFrom"/> to <see cref="EffectiveTo"/> (open when absent).</summary>
internal abstract class DatedVersionDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? EffectiveFrom { get; set; }
    public string? EffectiveTo { get; set; }
    public string? Cite { get; set; }
    public string? Note { get; set; }
    public VerificationDto? Verification { get; set; }
}
