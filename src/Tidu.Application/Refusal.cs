namespace Tidu.Application;

/// <summary>What kind of "no" a use case answers; the adapters choose how to say it (an HTTP status, a page message).</summary>
public enum RefusalKind
{
    /// <summary>The request cannot be carried out as asked (a missing reason, an unknown code, a date outside a round).</summary>
    Invalid,

    /// <summary>The request's fields are invalid; <see cref="Refusal.Errors"/> names each one.</summary>
    Validation,

    /// <summary>Not there, or not within the actor's scope (the two are not told apart).</summary>
    NotFound,

    /// <summary>The actor's role may not do this at all.</summary>
    Forbidden,

    /// <summary>The thing is not in a state that allows it (a stale revision, a state the step does not start from, a quota used up).</summary>
    Conflict,

    /// <summary>An upload is larger than the configured limit.</summary>
    TooLarge,

    /// <summary>An upload is not of an accepted kind.</summary>
    UnsupportedMedia,

    /// <summary>The platform is missing a setting it needs; nothing the caller can fix.</summary>
    NotConfigured,

    /// <summary>The request itself is malformed: a missing antiforgery token, a paging or date parameter outside its range.</summary>
    Malformed,

    /// <summary>The work was started and failed (an import whose job failed); the message says what to do.</summary>
    Failed,
}

/// <summary>
/// Why a use case was not carried out: a stable <see cref="Code"/> for programs (never reworded), the Chinese message for
/// the screen and the English detail for logs and API clients. Nothing is saved when a use case refuses.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Code, string Zh, string En, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Refusal Invalid(string code, string zh, string en) => new(RefusalKind.Invalid, code, zh, en);

    public static Refusal Conflict(string code, string zh, string en) => new(RefusalKind.Conflict, code, zh, en);

    public static Refusal Forbidden(string code, string zh, string en) => new(RefusalKind.Forbidden, code, zh, en);

    public static Refusal NotFound(string code, string zh, string en) => new(RefusalKind.NotFound, code, zh, en);

    public static Refusal Malformed(string code, string zh, string en) => new(RefusalKind.Malformed, code, zh, en);

    public static Refusal TooLarge(string code, string zh, string en) => new(RefusalKind.TooLarge, code, zh, en);

    public static Refusal Failed(string code, string zh, string en) => new(RefusalKind.Failed, code, zh, en);

    public static Refusal Validation(string code, string zh, string en, IReadOnlyDictionary<string, string[]> errors) => new(RefusalKind.Validation, code, zh, en, errors);
}

/// <summary>A use case's answer: what it produced, or why it refused (and then nothing was saved).</summary>
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
    where T : class
{
    // Implicit both ways so a use case reads "return refusal;" or "return value;".
#pragma warning disable CA2225 // a named alternate would be the constructor itself
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(null, refusal);
#pragma warning restore CA2225

    public bool Succeeded => Refusal is null;

    /// <summary>The value, or <paramref name="refused"/> applied to the refusal.</summary>
    public TResult Match<TResult>(Func<T, TResult> done, Func<Refusal, TResult> refused)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(refused);
        return Value is { } value ? done(value) : refused(Refusal!);
    }
}
