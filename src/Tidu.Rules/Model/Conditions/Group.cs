using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;

namespace Tidu.Rules.Model.Conditions;

/// <summary>
/// all (every member), any (one member), or atLeast N of the members. Every member is evaluated even
/// when the outcome is already decided, so the explanation shows the whole picture.
/// </summary>
public sealed class Group(string id, string title, string? cite, string? note, string kind, int required, IReadOnlyList<Condition> members)
    : Condition(id, title, cite, note)
{
    public string Kind { get; } = kind;

    /// <summary>How many members must pass: all = count, any = 1.</summary>
    public int Required { get; } = required;

    public override IReadOnlyList<Condition> Members { get; } = members;

    public override bool Evaluate(EvaluationContext context, ExplanationSink? sink, string? parent)
    {
        if (sink is { IsFailuresOnly: true })
        {
            var mark = sink.Mark();
            var count = 0;
            foreach (var m in Members)
            {
                count += m.Evaluate(context, sink, Id) ? 1 : 0;
            }
            if (count >= Required)
            {
                sink.TruncateTo(mark);
            }
            return count >= Required;
        }
        var slot = sink?.Reserve() ?? -1;
        var passedCount = 0;
        foreach (var m in Members)
        {
            if (m.Evaluate(context, sink, Id))
            {
                passedCount++;
            }
        }
        var passed = passedCount >= Required;
        sink?.Fill(slot, new CheckResult
        {
            Id = Id,
            Title = Title,
            Kind = Kind,
            Parent = parent,
            Passed = passed,
            Actual = passedCount,
            Required = Kind switch
            {
                "all" => $"all {Members.Count}",
                "any" => "at least 1",
                _ => $"at least {Required} of {Members.Count}",
            },
            Cite = Cite,
            Note = Note,
        });
        return passed;
    }
}
