using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tidu.Web.Adapters;

/// <summary>
/// Every refusal body of the API is RFC 9457 problem details with two more members a client can rely on: <c>code</c>,
/// a stable identifier of the reason (a use case's own, such as <c>application.stale-revision</c>, or one per status,
/// such as <c>http.not-found</c>, where the refusal comes from the platform rather than a use case), and
/// <c>titleZh</c>, the Chinese message alone. The title keeps the form clients have read (Chinese, with the English
/// in brackets for some). This class fills in what a refusal did not name itself, and says so in the API description.
/// </summary>
public static class ProblemBodies
{
    public const string Code = "code";
    public const string TitleZh = "titleZh";
    public const string TraceId = "traceId";

    /// <summary>The stable code of a refusal that names none: one per status.</summary>
    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "http.bad-request",
        StatusCodes.Status401Unauthorized => "http.unauthenticated",
        StatusCodes.Status403Forbidden => "http.forbidden",
        StatusCodes.Status404NotFound => "http.not-found",
        StatusCodes.Status405MethodNotAllowed => "http.method-not-allowed",
        StatusCodes.Status409Conflict => "http.conflict",
        StatusCodes.Status413PayloadTooLarge => "http.too-large",
        StatusCodes.Status415UnsupportedMediaType => "http.unsupported-media",
        StatusCodes.Status422UnprocessableEntity => "http.invalid",
        StatusCodes.Status429TooManyRequests => "http.too-many-requests",
        _ when status >= 500 => "http.internal",
        _ => "http.refused",
    };

    /// <summary>
    /// The Chinese message of a title: the title itself when it is Chinese (without a bracketed English part at its
    /// end), else the platform's Chinese message for the status (a framework default such as "Not Found").
    /// </summary>
    public static string ChineseOf(string? title, int status)
    {
        if (title is not null && title.Any(IsChinese))
        {
            var bracket = title.LastIndexOf(" (", StringComparison.Ordinal);
            return bracket > 0 && title.EndsWith(')') && !title[bracket..].Any(IsChinese) ? title[..bracket] : title;
        }
        return ErrorResponses.TitleOf(status);
    }

    /// <summary>Adds <c>code</c> and <c>titleZh</c> to a problem that lacks them (the hook of <c>AddProblemDetails</c>).</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd(Code, CodeOf(status));
        problem.Extensions.TryAdd(TitleZh, ChineseOf(problem.Title, status));
    }

    /// <summary>Names <c>code</c>, <c>titleZh</c> and <c>traceId</c> in the description's problem details schemas.</summary>
    public static Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (!typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
        {
            return Task.CompletedTask;
        }
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties[Code] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "稳定的错误代码，供程序判断（不随文字修改而变）。A stable code of the reason, e.g. application.stale-revision, or http.not-found for a refusal of the platform.",
        };
        schema.Properties[TitleZh] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "中文说明（title 中的中文部分）。The Chinese message alone.",
        };
        schema.Properties[TraceId] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "请求编号，用于在日志中查找。The request's trace id, to find it in the log.",
        };
        schema.Required ??= new HashSet<string>();
        schema.Required.Add(Code);
        schema.Required.Add(TitleZh);
        return Task.CompletedTask;
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3000' and <= '\u303f' or >= '\uff00' and <= '\uffef';
}
