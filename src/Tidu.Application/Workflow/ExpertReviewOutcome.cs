using System.Text.Json;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Application.Workflow;

/// <summary>The scores in, their average, and whether it reaches the round's pass mark (inclusive).</summary>
public sealed record ExpertReviewOutcome(int Scored, decimal? Average, bool? Passed)
{
    public static ExpertReviewOutcome Of(RoundExpertReview? settings, IEnumerable<ExpertAssignment> assignments)
    {
        var totals = assignments.Where(x => x.HasConflict == false && x.TotalScore is not null).Select(x => x.TotalScore!.Value).ToList();
        if (totals.Count == 0)
        {
            return new(0, null, null);
        }
        var average = totals.Sum() / totals.Count;
        return new(totals.Count, average, settings is null ? null : average >= settings.PassMark);
    }

    public static IReadOnlyList<ScoreSheetItem> Sheet(RoundExpertReview settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return JsonSerializer.Deserialize<List<ScoreSheetItem>>(settings.ScoreSheet, JsonSerializerOptions.Web) ?? [];
    }
}
