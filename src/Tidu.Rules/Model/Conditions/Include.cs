using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;

namespace Tidu.Rules.Model.Conditions;

/// <summary>Shared conditions from another rule set (e.g. the basic conditions), in the version in force on the date.</summary>
public sealed class Include(string id, RuleSet<ConditionsVersion> target, string? parentOverride = null)
    : Condition(id, target.Title, null, null)
{
    public RuleSet<ConditionsVersion> Target { get; } = target;

    public override bool Evaluate(EvaluationContext context, ExplanationSink? sink, string? parent)
    {
        var version = Target.RequireVersionOn(context.AsOf);
        if (sink is { IsFailuresOnly: true })
        {
            var mark = sink.Mark();
            var ok = version.Conditions.Evaluate(context, sink, Id);
            if (ok)
            {
                sink.TruncateTo(mark);
            }
            return ok;
        }
        var slot = sink?.Reserve() ?? -1;
        var passed = version.Conditions.Evaluate(context, sink, Id);
        sink?.Fill(slot, new CheckResult
        {
            Id = Id,
            Title = Title,
            Kind = "include",
            Parent = parentOverride ?? parent,
            Passed = passed,
            Required = "all",
            Cite = version.Info.Cite,
            Note = version.Info.Note,
        });
        return passed;
    }
}
