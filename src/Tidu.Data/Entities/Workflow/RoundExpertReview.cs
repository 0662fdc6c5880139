namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// How a round's expert review (专家评审, docs/procedure.md) is run: how many experts score each application, the
/// pass mark of their average, and the scoring sheet. Round data set by the recognising level (defaults from
/// configuration): the seeds name the step but give no number of experts, pass mark or sheet. A round with this row
/// requires a concluded, passed expert review before province approval.
/// </summary>
public sealed class RoundExpertReview
{
    public long RoundId { get; set; }

    public int ExpertsPerApplication { get; set; }

    /// <summary>The average total score an application needs to pass (inclusive).</summary>
    public decimal PassMark { get; set; }

    /// <summary>The scoring sheet as JSON: [{"id","title","maxPoints"}].</summary>
    public required string ScoreSheet { get; set; }

    public required string SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }
}
