using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tidu.Data.Scoping;

namespace Tidu.Web;

/// <summary>
/// What a caller sees when something goes wrong: a short Chinese message on pages, ProblemDetails on the API,
/// the details only in the log. A scope violation is a 403 and a lost edit race a 409, not a 500.
/// </summary>
public static class ErrorResponses
{
    public static async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, code, title) = error switch
        {
            RegionScopeViolationException => (StatusCodes.Status403Forbidden, "scope.violation", "无权操作：该企业不在您的管辖区域内"),
            RecognitionBasisMissingException => (StatusCodes.Status403Forbidden, "recognition.basis-missing", "认定信息只能由认定程序或官方名单导入产生，不能在档案中修改"),
            Data.ValueTooLongException tooLong => (StatusCodes.Status400BadRequest, "input.too-long", $"输入的文字过长：最多 {tooLong.Limit} 个字符"),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "concurrency.conflict", "数据已被他人修改，请刷新后重试"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "request.too-large", "请求内容过大"),
            BadHttpRequestException b => (b.StatusCode, "request.bad", "请求无效"),
            // A parameter far outside any sensible range (a year 9999, a page two billion) that slipped past the checks.
            OverflowException or ArgumentOutOfRangeException => (StatusCodes.Status400BadRequest, "request.out-of-range", "请求参数超出范围"),
            _ => (StatusCodes.Status500InternalServerError, "internal.error", "系统内部错误，请稍后重试"),
        };
        var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tidu.Errors");
        if (status == StatusCodes.Status500InternalServerError || error is OverflowException or ArgumentOutOfRangeException)
        {
            log.LogError(error, "unhandled error on {Path} (trace {Trace})", context.Request.Path, context.TraceIdentifier);
        }
        else
        {
            log.LogWarning("{Status} on {Path}: {Message}", status, context.Request.Path, error?.Message);
        }
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await Results.Problem(title: title, statusCode: status, extensions: new Dictionary<string, object?>
            {
                ["traceId"] = context.TraceIdentifier,
                [Adapters.ProblemBodies.Code] = code,
                [Adapters.ProblemBodies.TitleZh] = title,
            }).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Page(title, context.TraceIdentifier)).ConfigureAwait(false);
    }

    public static async Task StatusCodePageAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var title = TitleOf(status);
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await Results.Problem(new ProblemDetails { Status = status, Title = title }).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Page(title, http.TraceIdentifier)).ConfigureAwait(false);
    }

    /// <summary>The Chinese message of a status that has no more specific one.</summary>
    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status404NotFound => "未找到该页面或企业（也可能不在您的管辖区域内）",
        StatusCodes.Status403Forbidden => "无权访问",
        StatusCodes.Status401Unauthorized => "请先登录",
        StatusCodes.Status400BadRequest => "请求无效",
        StatusCodes.Status413PayloadTooLarge => "请求内容过大",
        StatusCodes.Status429TooManyRequests => "请求过于频繁，请稍后再试",
        _ => "请求未能完成",
    };

    /// <summary>
    /// Writes a refusal of the platform's own (a limit, a credential rule): ProblemDetails (Chinese title, English detail,
    /// its stable code) on the API, the Chinese error page elsewhere.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string titleZh, string detailEn)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await Results.Problem(title: titleZh, detail: detailEn, statusCode: status,
                extensions: new Dictionary<string, object?> { [Adapters.ProblemBodies.Code] = code, [Adapters.ProblemBodies.TitleZh] = titleZh })
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Page(titleZh, context.TraceIdentifier)).ConfigureAwait(false);
    }

    private static string Page(string title, string trace) =>
        $"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{System.Net.WebUtility.HtmlEncode(title)} - 梯度</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main class="container"><h1>{System.Net.WebUtility.HtmlEncode(title)}</h1><p class="muted">编号 {System.Net.WebUtility.HtmlEncode(trace)}</p><p><a href="/">返回首页</a></p></main></body></html>
        """;
}
