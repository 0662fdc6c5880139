// The YAML shape of a rule file, deserialized strictly (an unknown key is an error with its line).
// These types are the file format only; RuleCompiler turns them into the engine's model.
#pragma warning disable CA1812 // instantiated by YamlDotNet
#pragma warning disable CA2227 // setters are required by the deserializer
using YamlDotNet.Serialization;

namespace Tidu.Rules.Files;

internal interface IHasLine
{
    int Line { get; set; }
}

internal sealed class RuleFileDto : SourcedFileDto
{
    public int? Order { get; set; }

    /// <summary>
    /// Jurisdiction of the rule set (same id) this file overlays: its versions take the base's version in force
    /// and change only what <see cref="VersionDto.Replace"/> names. Absent: the file stands alone.
    /// </summary>
    public string? Extends { get; set; }
    public string? Description { get; set; }
    public LadderDto? Ladder { get; set; }
    public List<VersionDto>? Versions { get; set; }
}

/// <summary>A tier's rung on the cultivation ladder: the first rung (start), or the rung it follows (after).</summary>
internal sealed class LadderDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public bool? Start { get; set; }
    public string? After { get; set; }
}

/// <summary>The legal source a rule set implements: title, 文号, issuer, dates.</summary>
internal sealed class SourceDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Title { get; set; }
    public string? Number { get; set; }
    public string? Issuer { get; set; }
    public string? Published { get; set; }
    public string? Note { get; set; }
}

internal sealed class VersionDto : DatedVersionDto
{
    public List<string>? Readings { get; set; }
    public ScoreDto? Score { get; set; }
    public ConditionDto? Qualify { get; set; }
    public List<SizeGroupDto>? Groups { get; set; }
    public ConditionDto? Conditions { get; set; }

    /// <summary>(overlay versions) indicators of the base version replaced by this jurisdiction's own.</summary>
    public List<ReplacementDto>? Replace { get; set; }
}

/// <summary>One base indicator (by id) and the indicators that take its place, in the same dimension and with the same maximum.</summary>
internal sealed class ReplacementDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Indicator { get; set; }
    public List<IndicatorDto>? With { get; set; }
}

internal sealed class ScoreDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public List<DimensionDto>? Dimensions { get; set; }
    public List<IndicatorDto>? Indicators { get; set; }
}

internal sealed class DimensionDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }
    public decimal? Max { get; set; }
}

/// <summary>What conditions and indicators share: identity, citation, and the fact they read with its arguments.</summary>
internal abstract class FactRefDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Cite { get; set; }
    public string? Note { get; set; }
    public string? Unit { get; set; }
    public string? Fact { get; set; }
    public int? Year { get; set; }
    public int? Years { get; set; }
    public List<string>? Kinds { get; set; }
    public int? WithinYears { get; set; }
    public int? MaxRank { get; set; }
    public string? Tier { get; set; }
    public string? Field { get; set; }
    public List<string>? Matching { get; set; }
    public List<string>? Levels { get; set; }
    public List<string>? Roles { get; set; }
    public string? Over { get; set; }
    public string? Criterion { get; set; }

    /// <summary>Value used when the input is absent, as the criteria's conventions state (shown as defaulted).</summary>
    public string? Default { get; set; }
}

internal sealed class IndicatorDto : FactRefDto
{
    /// <summary>The score dimension this indicator counts towards.</summary>
    public string? Dimension { get; set; }
    public decimal? Max { get; set; }
    public List<BandDto>? Bands { get; set; }
    public List<CaseDto>? Cases { get; set; }
    public decimal? Otherwise { get; set; }
    public List<IndicatorDto>? Best { get; set; }
    public decimal? Per { get; set; }
    public decimal? PointsPer { get; set; }
    public List<ConditionDto>? CountOf { get; set; }
    public decimal? PointsEach { get; set; }
    public Dictionary<string, decimal>? Map { get; set; }
    public bool? AsPoints { get; set; }
}

/// <summary>A scoring band [from, to): closed at its lower bound, open at its upper bound.</summary>
internal sealed class BandDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public decimal? From { get; set; }
    public decimal? To { get; set; }
    public decimal? Points { get; set; }
}

internal sealed class CaseDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public ConditionDto? When { get; set; }
    public decimal? Points { get; set; }
}

internal sealed class ConditionDto : FactRefDto
{
    /// <summary>Argument of the 'score' fact: which dimension's points.</summary>
    public string? Dimension { get; set; }
    public decimal? Ge { get; set; }
    public decimal? Gt { get; set; }
    public decimal? Le { get; set; }
    public decimal? Lt { get; set; }
    public bool? Is { get; set; }
    public List<string>? In { get; set; }
    public List<string>? NotIn { get; set; }
    public List<ConditionDto>? All { get; set; }
    public List<ConditionDto>? Any { get; set; }
    public int? AtLeast { get; set; }
    public List<ConditionDto>? Of { get; set; }
    public string? Include { get; set; }

    /// <summary>Shown when this check fails and the tier named by <see cref="AdviceIfQualifies"/> qualifies.</summary>
    public string? Advice { get; set; }
    public string? AdviceIfQualifies { get; set; }
}

internal sealed class SizeGroupDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }
    public List<string>? Industries { get; set; }
    public bool? Otherwise { get; set; }
    public string? Cite { get; set; }
    public string? Note { get; set; }
    public ConditionDto? Sme { get; set; }
    public ConditionDto? Medium { get; set; }
    public ConditionDto? Small { get; set; }
}
