namespace Tidu.Web.Workflow;

/// <summary>
/// Why a workflow step was not taken: an HTTP status for the API, Chinese for the screen, English for logs and API
/// clients. <see cref="Errors"/> holds per-field validation messages (English) when the request itself was invalid.
/// The services return it; the API turns it into ProblemDetails and the pages show <see cref="Zh"/>.
/// </summary>
public sealed record WorkflowRefusal(int Status, string Zh, string En, IReadOnlyDictionary<string, string[]>? Errors = null) : IResult
{
    /// <summary>An endpoint may return a refusal as it is: it answers as the ProblemDetails of <see cref="ToResult"/>.</summary>
    public Task ExecuteAsync(HttpContext httpContext) => ToResult().ExecuteAsync(httpContext);

    public IResult ToResult() => Errors is null
        ? Results.Problem(title: $"{Zh} ({En})", detail: En, statusCode: Status, extensions: new Dictionary<string, object?> { ["titleZh"] = Zh })
        : Results.ValidationProblem(Errors, title: $"{Zh} ({En})", extensions: new Dictionary<string, object?> { ["titleZh"] = Zh });
}

/// <summary>A workflow step's answer: what it produced, or why it refused. Nothing is saved on a refusal.</summary>
public readonly record struct WorkflowOutcome<T>(T? Value, WorkflowRefusal? Refusal)
    where T : class
{
    // Implicit both ways so a step reads "return refusal;" or "return value;" as the API handlers used to.
#pragma warning disable CA2225 // a named alternate would be the constructor itself
    public static implicit operator WorkflowOutcome<T>(T value) => new(value, null);

    public static implicit operator WorkflowOutcome<T>(WorkflowRefusal refusal) => new(null, refusal);
#pragma warning restore CA2225

    /// <summary>The API's answer: 200 with the mapped value, or the refusal as ProblemDetails.</summary>
    public IResult ToResult(Func<T, IResult> ok)
    {
        ArgumentNullException.ThrowIfNull(ok);
        return Value is { } value ? ok(value) : Refusal!.ToResult();
    }
}
