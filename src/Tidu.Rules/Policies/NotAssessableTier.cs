using System.Globalization;
using Tidu.Rules.Model;

namespace Tidu.Rules.Policies;

/// <summary>
/// A tier that applies to the enterprise's region but has no criteria version in force on the date (e.g. the innovative
/// SME before 2022-08-01): it is not assessed, and only recognitions the enterprise holds count for it. The support
/// clauses in force are computed all the same.
/// </summary>
public sealed record NotAssessableTier(string Tier, string Title, string Reason)
{
    /// <summary>The tiers of <paramref name="library"/> (the whole library, not the one in force) not assessable for a region on a date.</summary>
    public static IReadOnlyList<NotAssessableTier> For(RuleLibrary library, string regionCode, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(library);
        return library.TiersNotInForce(regionCode, date).Select(t => new NotAssessableTier(t.Id, t.Title, ReasonFor(t, date))).ToList();
    }

    private static string ReasonFor(RuleSet<TierVersion> set, DateOnly date)
    {
        var versions = string.Join("；", set.Versions.Select(v => v.Info.EffectiveTo is { } to
            ? $"{v.Info.VersionId} 版 {Day(v.Info.EffectiveFrom)} 至 {Day(to)}"
            : $"{v.Info.VersionId} 版自 {Day(v.Info.EffectiveFrom)} 起"));
        return $"{Day(date)} 没有施行中的{set.Title}认定标准（{versions}），不作评价；与该梯度有关的条款只按已持有的认定计算。";
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
