using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application;

namespace Tidu.Web.Adapters;

/// <summary>
/// How the API says a use case's "no": ProblemDetails with the status of its kind, the Chinese message and the English
/// detail in the title (as clients have read it), the Chinese alone in <c>titleZh</c>, the stable <c>code</c>, and for
/// invalid fields the per-field errors.
/// </summary>
public static class RefusalResults
{
    public static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        RefusalKind.Validation or RefusalKind.Malformed => StatusCodes.Status400BadRequest,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalKind.UnsupportedMedia => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemHttpResult ToProblem(this Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var status = StatusOf(refusal.Kind);
        Microsoft.AspNetCore.Mvc.ProblemDetails problem = refusal.Errors is { } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
            : new Microsoft.AspNetCore.Mvc.ProblemDetails { Detail = refusal.En };
        problem.Status = status;
        problem.Title = $"{refusal.Zh} ({refusal.En})";
        problem.Extensions["titleZh"] = refusal.Zh;
        problem.Extensions["code"] = refusal.Code;
        return TypedResults.Problem(problem);
    }

    /// <summary>The API's answer: <paramref name="done"/> of the value, or the refusal as ProblemDetails.</summary>
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> done)
        where T : class =>
        outcome.Match(done, r => (IResult)ToProblem(r));

    /// <summary>The typed answer: <paramref name="done"/> of the value, or the refusal as ProblemDetails.</summary>
    public static Results<TDone, ProblemHttpResult> Answer<T, TDone>(this Outcome<T> outcome, Func<T, TDone> done)
        where T : class
        where TDone : IResult =>
        outcome.Match<Results<TDone, ProblemHttpResult>>(v => done(v), r => ToProblem(r));
}
