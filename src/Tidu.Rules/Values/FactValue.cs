namespace Tidu.Rules.Values;

public enum FactKind
{
    NotAvailable,
    Number,
    Boolean,
    Text,
}

/// <summary>
/// The value of one fact for one enterprise on one date: a number (exact <see cref="Rational"/>), a boolean,
/// a text (enum value), or "not available" with the input field that is missing and why.
/// <see cref="Defaulted"/> marks a value taken from the rule's stated default for an absent input.
/// </summary>
public readonly record struct FactValue
{
    public FactKind Kind { get; init; }
    public Rational Number { get; init; }
    public bool Boolean { get; init; }
    public string? Text { get; init; }

    /// <summary>For "not available": JSON Pointer (or description) of the missing input.</summary>
    public string? MissingField { get; init; }

    /// <summary>For "not available": why, in English (e.g. "denominator is zero").</summary>
    public string? Reason { get; init; }

    public bool Defaulted { get; init; }

    public bool IsAvailable => Kind != FactKind.NotAvailable;

    public static FactValue Of(decimal value) => new() { Kind = FactKind.Number, Number = Rational.Of(value) };
    public static FactValue Of(Rational value) => new() { Kind = FactKind.Number, Number = value };
    public static FactValue Of(bool value) => new() { Kind = FactKind.Boolean, Boolean = value };
    public static FactValue Of(string value) => new() { Kind = FactKind.Text, Text = value };

    public static FactValue Missing(string field, string reason = "not provided") =>
        new() { Kind = FactKind.NotAvailable, MissingField = field, Reason = reason };

    /// <summary>Display form for explanations.</summary>
    public object? Display() => Kind switch
    {
        FactKind.Number => Number.ToDisplay(),
        FactKind.Boolean => Boolean,
        FactKind.Text => Text,
        _ => null,
    };
}
