using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;

namespace Tidu.Rules.Model.Conditions;

/// <summary>A node of a rule's condition tree. "Not available" inputs make a check fail, never pass.</summary>
public abstract class Condition(string id, string title, string? cite, string? note)
{
    public string Id { get; } = id;
    public string Title { get; } = title;
    public string? Cite { get; } = cite;
    public string? Note { get; } = note;

    /// <summary>Evaluates the node; when <paramref name="sink"/> is not null, explains it (and its members).</summary>
    public abstract bool Evaluate(EvaluationContext context, ExplanationSink? sink, string? parent);

    /// <summary>The direct members of a group; empty for a leaf.</summary>
    public virtual IReadOnlyList<Condition> Members => [];
}
