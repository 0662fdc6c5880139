using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;
using Tidu.Rules.Values;

namespace Tidu.Rules.Model.Scoring;

/// <summary>The points one indicator gives, with the value read and the band or case that applied.</summary>
public readonly record struct IndicatorOutcome(decimal Points, FactValue Actual, string Band, string? MissingField = null);

/// <summary>One row of a scoring table.</summary>
public abstract class Indicator(string id, string title, string? dimension, string? cite, string? note, string? unit)
{
    public string Id { get; } = id;
    public string Title { get; } = title;
    public string? Dimension { get; } = dimension;
    public string? Cite { get; } = cite;
    public string? Note { get; } = note;
    public string? Unit { get; } = unit;

    /// <summary>The most points this indicator can give.</summary>
    public abstract decimal Max { get; }

    public abstract IndicatorOutcome Score(EvaluationContext context);

    public decimal Evaluate(EvaluationContext context, ExplanationSink? sink, string? parent)
    {
        var o = Score(context);
        sink?.Add(new CheckResult
        {
            Id = Id,
            Title = Title,
            Kind = "indicator",
            Parent = parent,
            Passed = o.Points > 0,
            Actual = o.Actual.Display(),
            Required = o.Band,
            Unit = Unit,
            Points = o.Points,
            MaxPoints = Max,
            Dimension = Dimension,
            Cite = Cite,
            Note = Note,
            MissingField = o.MissingField ?? (o.Actual.IsAvailable && !o.Actual.Defaulted ? null : o.Actual.MissingField),
            MissingReason = o.Actual.IsAvailable ? (o.Actual.Defaulted ? "not provided; the rule's default applies" : null) : o.Actual.Reason ?? "not provided",
            Defaulted = o.Actual.Defaulted,
        });
        return o.Points;
    }
}
