namespace Tidu.Rules.Evaluation;

/// <summary>How a result names the rule version that decided.</summary>
public enum RuleSetDetail
{
    /// <summary>The whole <c>ruleSet</c> object: identity, dates, citation, note and verification (one result on its own).</summary>
    Full,

    /// <summary>
    /// Identity and dates only (id, jurisdiction, version, effectiveFrom, effectiveTo): a results file, whose first line
    /// (<see cref="ResultFileHeader"/>) describes every version once.
    /// </summary>
    Reference,
}
