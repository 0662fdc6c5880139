using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Tidu.Web.Importing;

/// <summary>
/// One size limit for uploads, the import page and the API alike (<see cref="ImportOptions.MaxUploadBytes"/>): a body
/// announced larger is refused at once with a Chinese message (413), and the server reads no more than the limit of
/// a body sent without a length.
/// </summary>
public static class UploadLimit
{
    /// <summary>Multipart framing around the file (boundaries, part headers, the antiforgery field).</summary>
    public const long FramingBytes = 64 * 1024;

    public static bool IsImportUpload(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsPost(request.Method)
            && (request.Path.Equals("/api/v1/imports", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/Import", StringComparison.OrdinalIgnoreCase)
                || request.Path.Equals("/Import/Index", StringComparison.OrdinalIgnoreCase));
    }

    public static string TooLargeZh(ImportOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return $"文件过大：上传文件不能超过 {ImportOptions.Size(limits.MaxUploadBytes)}，请分成多个文件导入";
    }

    public static IApplicationBuilder UseUploadLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsImportUpload(context.Request))
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<ImportOptions>>().Value;
                var allowed = limits.MaxUploadBytes + FramingBytes;
                if (context.Request.ContentLength > allowed)
                {
                    await ErrorResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "import.too-large", TooLargeZh(limits),
                        $"an upload is at most {limits.MaxUploadBytes} bytes").ConfigureAwait(false);
                    return;
                }
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = allowed;
                }
            }
            await next(context).ConfigureAwait(false);
        });
}
