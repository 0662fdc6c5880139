// The YAML shape of a support-policy file (kind: policy), read by the same strict reader as the tier rules:
// an unknown key is an error with its line. PolicyCompiler turns these into the calculator's model.
#pragma warning disable CA1812 // instantiated by YamlDotNet
#pragma warning disable CA2227 // setters are required by the deserializer
using Tidu.Rules.Files;
using YamlDotNet.Serialization;

namespace Tidu.Rules.Policies;

internal sealed class PolicyFileDto : SourcedFileDto
{
    public string? Description { get; set; }

    /// <summary>The document's own stacking clause (e.g. 从高、从优、不重复), cited on every exclusion it decides.</summary>
    public StackingDto? Stacking { get; set; }
    public List<PolicyVersionDto>? Versions { get; set; }
}

internal sealed class StackingDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Rule { get; set; }
    public string? Cite { get; set; }
    public string? Note { get; set; }
}

internal sealed class PolicyVersionDto : DatedVersionDto
{
    public List<ClauseDto>? Clauses { get; set; }
}

internal sealed class ClauseDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }

    /// <summary>award (money to the enterprise, counted in budgets) or service (non-monetary support).</summary>
    public string? Support { get; set; }
    public List<string>? FundingLevels { get; set; }

    /// <summary>What the support is for; clauses sharing an exclusivity group pay once per project.</summary>
    public string? Purpose { get; set; }
    public string? ExclusivityGroup { get; set; }
    public string? Cite { get; set; }
    public string? Note { get; set; }

    /// <summary>What the enterprise gets, in Chinese: required for a service and for an award whose amount is unstated.</summary>
    public string? Benefit { get; set; }
    public TriggerDto? Trigger { get; set; }
    public AmountDto? Amount { get; set; }
}

/// <summary>The occasion of a claim (exactly one of recognition, project, annual) and extra requirements.</summary>
internal sealed class TriggerDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public RecognitionTriggerDto? Recognition { get; set; }
    public ProjectTriggerDto? Project { get; set; }

    /// <summary>One claim per enterprise per year (indicator clauses read last year's figures).</summary>
    public bool? Annual { get; set; }

    /// <summary>Recognitions of which at least one must be valid on the date (e.g. a specialized enterprise).</summary>
    public List<string>? Holds { get; set; }

    /// <summary>Conditions on the profile, in the tier rules' condition language (facts, operators, groups).</summary>
    public ConditionDto? Conditions { get; set; }
}

internal sealed class RecognitionTriggerDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Tier { get; set; }
}

internal sealed class ProjectTriggerDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Purpose { get; set; }

    /// <summary>Project levels accepted (national, provincial, city), when the clause depends on one.</summary>
    public List<string>? Levels { get; set; }

    /// <summary>Markets accepted (domestic, overseas), for listing projects.</summary>
    public List<string>? Markets { get; set; }

    /// <summary>Thresholds on the project's amounts and flags (e.g. investment ≥ 1000).</summary>
    public List<ProjectCheckDto>? Checks { get; set; }
}

/// <summary>A threshold on a project's amount or flag, with the operator the text uses, or the stage it must have reached.</summary>
internal sealed class ProjectCheckDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Amount { get; set; }
    public string? Flag { get; set; }

    /// <summary>The project's <c>stage</c> must be this one (e.g. listed: an award for a listed firm, not a filing).</summary>
    public string? Stage { get; set; }
    public decimal? Ge { get; set; }
    public decimal? Gt { get; set; }
    public decimal? Le { get; set; }
    public decimal? Lt { get; set; }
    public bool? Is { get; set; }
    public string? Cite { get; set; }
}

/// <summary>The formula: exactly one of fixed, rate (+ base), stages, perCase, unstated.</summary>
internal sealed class AmountDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public decimal? Fixed { get; set; }
    public decimal? Rate { get; set; }
    public BaseDto? Base { get; set; }
    public List<FactorDto>? Factors { get; set; }
    public decimal? Cap { get; set; }
    public List<StageDto>? Stages { get; set; }
    public bool? PerCase { get; set; }

    /// <summary>The text gives money but no amount (“按标准予以补助”): the clause's 'benefit' says what, nothing is totalled.</summary>
    public bool? Unstated { get; set; }

    /// <summary>exact (default), upTo (最高/不超过: the amount is a maximum), atLeast (不低于: a minimum).</summary>
    public string? Bound { get; set; }
    public decimal? PerFirmPerYearCap { get; set; }

    /// <summary>Keys of this formula (rate, cap, fixed, perFirmPerYearCap or a factor id) whose values each locality sets; the value given is a documented default.</summary>
    public List<string>? SetLocally { get; set; }
    public string? LocalNote { get; set; }
}

internal sealed class BaseDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }

    /// <summary>An amount of the project (investment, loan, …).</summary>
    public string? Project { get; set; }

    /// <summary>A profile fact (rdExpense …), read like the tier rules read it.</summary>
    public string? Fact { get; set; }
    public int? Year { get; set; }
    public string? Title { get; set; }
}

internal sealed class FactorDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }
    public decimal? Value { get; set; }
    public string? Note { get; set; }
}

internal sealed class StageDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Title { get; set; }
    public decimal? Amount { get; set; }
}
