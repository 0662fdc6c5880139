namespace Tidu.Application.Workflow;

/// <summary>
/// Defaults a round's expert review takes when the province does not set them (appsettings "Workflow:ExpertReview").
/// 浙经信企创〔2016〕234号 四（三） “专家评审” name expert review but give no number of experts, pass
/// mark or scoring sheet: these are the recognising level's choice, so they are configuration and round data.
/// </summary>
public sealed class ExpertReviewOptions
{
    public int ExpertsPerApplication { get; set; }
    public decimal PassMark { get; set; }
    public List<ScoreSheetItem> ScoreSheet { get; set; } = [];
}

/// <summary>One line of the expert scoring sheet: points from 0 to <see cref="MaxPoints"/>.</summary>
public sealed record ScoreSheetItem(string Id, string Title, decimal MaxPoints)
{
    public ScoreSheetItem()
        : this("", "", 0)
    {
    }
}
