namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// A recognition round (申报批次): the recognising level opens it for one tier, with the dates applications are
/// accepted, the rule-set version it evaluates against and a recommendation quota (推荐名额) per city.
/// </summary>
public sealed class Round
{
    public long Id { get; set; }
    public required string Title { get; set; }

    /// <summary>Tier id of the rule files (e.g. specialized-sme).</summary>
    public required string Tier { get; set; }

    /// <summary>The recognising level's region (e.g. 330000 for the province); enterprises within it may apply.</summary>
    public required string RegionCode { get; set; }

    public DateOnly OpensOn { get; set; }

    /// <summary>Last day applications are accepted (China Standard Time), inclusive.</summary>
    public DateOnly ClosesOn { get; set; }

    /// <summary>"ruleSetId@versionId" the round evaluates against.</summary>
    public required string RuleSetVersion { get; set; }

    public required string OpenedBy { get; set; }
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Working days (Mon–Fri) of publicity (公示); defaults from configuration when the round is opened.</summary>
    public int PublicityWorkingDays { get; set; }

    /// <summary>Years a recognition of this round is valid; defaults from configuration when the round is opened.</summary>
    public int ValidityYears { get; set; }

    public List<RoundQuota> Quotas { get; set; } = [];
}
