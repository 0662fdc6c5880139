namespace Tidu.Rules.Gaps;

/// <summary>Why no change of the enterprise's data can pass a check on the evaluation date.</summary>
public enum BlockerKind
{
    /// <summary>Only time helps (years in the niche market): the earliest evaluation date is given.</summary>
    Time,

    /// <summary>A recognition of a lower rung must be held first: apply for it (its own gap is reported).</summary>
    Prerequisite,

    /// <summary>An honour or award (high-tech enterprise, S&amp;T award, 创客中国, tech SME) must be obtained.</summary>
    Honour,

    /// <summary>Not an SME under the size-class table, or the size class cannot be determined.</summary>
    SizeClass,

    /// <summary>A compliance or eligibility record (abnormal list, incident, restricted product) stands against it.</summary>
    Compliance,

    /// <summary>An input the check needs is missing and no value can be proposed for it.</summary>
    MissingData,

    /// <summary>No input change was found that passes the check.</summary>
    NoChange,
}
