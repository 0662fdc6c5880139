using Tidu.Domain.Profiles;
using Tidu.Rules.Facts;

namespace Tidu.Rules.Gaps;

/// <summary>A context like a given one for a changed profile, to try one value of one input cheaply.</summary>
internal static class Probe
{
    public static EvaluationContext Context(EvaluationContext basis, EnterpriseProfile profile)
    {
        var c = new EvaluationContext(profile, basis.AsOf)
        {
            SizeClass = basis.SizeClass,
            SizeClassMissingField = basis.SizeClassMissingField,
            CurrentScore = basis.CurrentScore,
        };
        foreach (var (k, v) in basis.TierQualified)
        {
            c.TierQualified[k] = v;
        }
        foreach (var (k, v) in basis.CurrentSubScores)
        {
            c.CurrentSubScores[k] = v;
        }
        return c;
    }
}
