using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;

namespace Tidu.Web;

/// <summary>
/// Model of Pages/Shared/_TierEvaluation: one tier's outcome with every check, the gap when it is not met, and which
/// fiscal year each financials entry of the evaluated profile holds (so a missing figure reads "2025年 研发费用"), and
/// what the file holds for the tier (its recognition), shown apart from the evaluation so the two never read as one.
/// </summary>
public sealed record TierEvaluationView(TierResult Tier, GapResult? Gap, Func<int, int?>? YearAt = null, string? Held = null)
{
    /// <summary>The fiscal year of each financials entry of <paramref name="profile"/>, by its index as given in the input.</summary>
    public static Func<int, int?> YearsOf(EnterpriseProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var years = profile.Financials.ToDictionary(f => f.InputIndex, f => f.Year);
        return i => years.TryGetValue(i, out var y) ? y : null;
    }

    /// <summary>The same for a stored file: the platform writes its financials in ascending years (ProfileMapping).</summary>
    public static Func<int, int?> YearsOf(IEnumerable<int> storedYears)
    {
        var years = storedYears.Order().ToList();
        return i => i >= 0 && i < years.Count ? years[i] : null;
    }
}
