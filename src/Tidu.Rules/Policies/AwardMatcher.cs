using Tidu.Domain.Profiles;
using Tidu.Domain.Projects;
using Tidu.Rules.Evaluation;

namespace Tidu.Rules.Policies;

/// <summary>
/// 政策找企业 on one date: the tiers whose criteria are in force on the date are evaluated, the clauses in force are
/// matched, and a tier without criteria in force is reported "not assessable" for the enterprise — never an error for
/// the run (the support clauses of a province can be in force before the national tier criteria they mention).
/// Only the size-class table must cover the date (<see cref="Covers"/>). Stateless per enterprise and thread-safe.
/// </summary>
public sealed class AwardMatcher
{
    private readonly RuleLibrary _library;
    private readonly AwardCalculator _calculator;
    private readonly Evaluator _evaluator;

    public AwardMatcher(RuleLibrary library, AwardCalculator calculator, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(library);
        _library = library;
        _calculator = calculator;
        AsOf = asOf;
        _evaluator = new Evaluator(library.InForceOn(asOf));
    }

    public DateOnly AsOf { get; }

    /// <summary>Whether the size-class table has a version on the date (without it no enterprise can be matched).</summary>
    public static bool Covers(RuleLibrary library, DateOnly asOf) => library?.SizeClass.VersionOn(asOf) is not null;

    public EnterpriseAwards Match(EnterpriseProfile profile, IReadOnlyList<Project> projects)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var evaluation = _evaluator.Evaluate(profile, AsOf, EvaluationDetail.Outcome);
        return _calculator.Match(profile, AsOf, projects, evaluation) with { NotAssessable = NotAssessableTier.For(_library, profile.RegionCode, AsOf) };
    }
}
