using Tidu.Domain.Profiles;
using Tidu.Rules.Facts;

namespace Tidu.Rules.Plans;

/// <summary>
/// What one thread reuses from one evaluation to the next: the fact slots, the include memo and the outcome. Not
/// thread-safe; give each worker its own. After warm-up, evaluating in outcome mode allocates nothing.
/// </summary>
public sealed class PlanWorkspace
{
    private EvaluationContext? _context;

    public PlanOutcome Outcome { get; } = new();

    internal PlanRun Run { get; } = new();

    internal PlanSet? LastPlans { get; set; }

    internal string? LastRegion { get; set; }

    internal EvaluationPlan? LastPlan { get; set; }

    /// <summary>The context of the last evaluation (its fact slots are those the outcome was computed from).</summary>
    public EvaluationContext Context => _context ?? throw new InvalidOperationException("nothing evaluated yet");

    internal EvaluationContext Begin(EvaluationPlan plan, EnterpriseProfile profile, DateOnly asOf)
    {
        if (_context is null)
        {
            _context = new EvaluationContext(profile, asOf);
        }
        else
        {
            _context.Reset(profile, asOf);
        }
        Outcome.Begin(plan);
        Run.Begin(plan.Steps, plan.Memos, _context);
        return _context;
    }
}
