using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Tidu.Web.Adapters;

/// <summary>
/// Puts in the API description the refusals every call of /api/v1 can meet, as RFC 9457 problem details (what
/// <see cref="RefusalResults"/> and <see cref="ErrorResponses"/> answer): 401 without a principal, 403 without the
/// access matrix's permission or outside the caller's region, 404 when what the path names is unknown (or hidden by
/// region scope), 400 for a write that cannot be read (its body, or a cookie call without the antiforgery header),
/// and 422 for a body that is read but not valid. An endpoint that names one of these itself keeps its own.
/// </summary>
public static class ApiRefusalDocs
{
    private static readonly string[] Problem = ["application/problem+json"];

    public static void Document(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint is not RouteEndpointBuilder route || route.RoutePattern.RawText is not { } path
            || !path.StartsWith("/api/v1/", StringComparison.Ordinal))
        {
            return;
        }
        var write = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods)
            .Any(m => m is not ("GET" or "HEAD"));
        var statuses = new List<int> { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden };
        if (route.RoutePattern.Parameters.Count > 0)
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }
        if (write)
        {
            statuses.Add(StatusCodes.Status400BadRequest);
            if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
            {
                statuses.Add(StatusCodes.Status422UnprocessableEntity);
            }
        }
        var named = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
        if (!named.Any(s => s is >= 200 and < 300))
        {
            // Named responses replace the description's default "200": an endpoint that names none keeps it.
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, null, []));
        }
        foreach (var status in statuses.Where(s => !named.Contains(s)))
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), Problem));
        }
    }
}
