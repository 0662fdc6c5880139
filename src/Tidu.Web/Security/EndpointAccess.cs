using Microsoft.AspNetCore.Authorization;
using Tidu.Application;

namespace Tidu.Web.Security;

/// <summary>
/// Which resource of the access matrix every endpoint and page acts on. API routes are matched by their longest
/// route prefix, the operation is Read for GET and Write for every other method; pages by their path. An endpoint or
/// page missing here is refused to everyone (and named by the attack-matrix tests), never open by default.
/// </summary>
public static class EndpointAccess
{
    /// <summary>The resource and operation an endpoint was given, in its metadata (read by the tests).</summary>
    public sealed record Entry(Resource Resource, Operation Operation);

    // Longest prefix first, so that a file's commissioner or consents are not "the file".
    private static readonly (string Prefix, Resource Resource)[] ApiRoutes = new (string, Resource)[]
    {
        ("/api/v1/enterprises/{creditCode}/commissioner", Resource.Commissioner),
        ("/api/v1/enterprises/{creditCode}/consents", Resource.Consent),
        ("/api/v1/enterprises/{creditCode}/audit", Resource.FileHistory),
        ("/api/v1/enterprises", Resource.EnterpriseFile),
        ("/api/v1/regions", Resource.EnterpriseFile),
        ("/api/v1/imports", Resource.Import),
        ("/api/v1/rounds/{id:long}/expert-review", Resource.ExpertReview),
        ("/api/v1/rounds", Resource.Round),
        ("/api/v1/applications/{id:long}/expert-review", Resource.ExpertReview),
        ("/api/v1/applications/{id:long}/experts", Resource.ExpertReview),
        ("/api/v1/applications/{id:long}/materials", Resource.Material),
        ("/api/v1/applications/{id:long}/verification", Resource.Verification),
        ("/api/v1/applications/{id:long}/verified-values", Resource.Verification),
        ("/api/v1/applications", Resource.Application),
        ("/api/v1/recognitions/official-lists", Resource.OfficialList),
        ("/api/v1/recognitions", Resource.Recognition),
        ("/api/v1/pools", Resource.Pool),
        ("/api/v1/notifications", Resource.Notification),
        ("/api/v1/commissioners", Resource.Commissioner),
        ("/api/v1/requests", Resource.Request),
        ("/api/v1/visits", Resource.Visit),
        ("/api/v1/lists/pulls", Resource.ListPull),
        ("/api/v1/lists", Resource.SharedList),
        ("/api/v1/monitoring", Resource.Monitoring),
        ("/api/v1/audit", Resource.AuditTrail),
        ("/openapi", Resource.ApiDescription),
        ("/scalar", Resource.ApiDescription),
    }.OrderByDescending(r => r.Item1.Length).ToArray();

    private static readonly Dictionary<string, Entry?> Pages = new(StringComparer.Ordinal)
    {
        ["/Account/Login"] = null,
        ["/Account/AccessDenied"] = null,
        // The steps of a sign-in in progress: their user is the pending sign-in's, not a session's.
        ["/Account/TwoFactor"] = null,
        ["/Account/Enrol"] = null,
        ["/Account/ChangePassword"] = null,
        // Single sign-on: the post that sends to the identity provider and the callback that checks its answer.
        ["/Account/External"] = null,
        ["/Error"] = null,
        ["/Index"] = new(Resource.Home, Operation.Read),
        ["/Account/Logout"] = new(Resource.Home, Operation.Read),
        ["/Account/Security"] = new(Resource.Home, Operation.Read),
        ["/Enterprises/Index"] = new(Resource.EnterpriseFile, Operation.Read),
        ["/Enterprises/Detail"] = new(Resource.EnterpriseFile, Operation.Read),
        ["/Enterprises/Consent"] = new(Resource.Consent, Operation.Read),
        ["/Enterprises/Edit"] = new(Resource.EnterpriseFile, Operation.Write),
        ["/Import/Index"] = new(Resource.Import, Operation.Write),
        ["/Import/Job"] = new(Resource.Import, Operation.Read),
        ["/Import/Template"] = new(Resource.Import, Operation.Read),
        ["/Monitoring/Index"] = new(Resource.Monitoring, Operation.Read),
        ["/Monitoring/Report"] = new(Resource.Monitoring, Operation.Read),
        ["/Monitoring/Official"] = new(Resource.OfficialCount, Operation.Write),
        ["/Recognitions/Index"] = new(Resource.Recognition, Operation.Read),
        ["/Pools/Index"] = new(Resource.Pool, Operation.Read),
        ["/Rounds/Index"] = new(Resource.Round, Operation.Read),
        ["/Rounds/Detail"] = new(Resource.Round, Operation.Read),
        ["/Rounds/Open"] = new(Resource.Round, Operation.Write),
        ["/Applications/Index"] = new(Resource.Application, Operation.Read),
        ["/Applications/Detail"] = new(Resource.Application, Operation.Read),
        ["/Applications/Apply"] = new(Resource.Application, Operation.Write),
        ["/Applications/Materials"] = new(Resource.Material, Operation.Read),
        ["/Service/Requests"] = new(Resource.Request, Operation.Read),
        ["/Service/Request"] = new(Resource.Request, Operation.Read),
        ["/Service/Visits"] = new(Resource.Visit, Operation.Read),
        ["/Service/Commissioners"] = new(Resource.Commissioner, Operation.Write),
        ["/Sharing/Pulls"] = new(Resource.ListPull, Operation.Read),
        ["/Notifications/Index"] = new(Resource.Notification, Operation.Read),
        ["/Admin/Index"] = new(Resource.Administration, Operation.Read),
        ["/Admin/Users"] = new(Resource.Account, Operation.Write),
        ["/Admin/Configuration"] = new(Resource.Configuration, Operation.Read),
        ["/Admin/Roles"] = new(Resource.RoleAssignment, Operation.Write),
        ["/Admin/ApiKeys"] = new(Resource.ApiKey, Operation.Write),
        ["/Admin/SecurityPolicy"] = new(Resource.SecurityPolicy, Operation.Write),
        ["/Audit/Index"] = new(Resource.AuditTrail, Operation.Read),
    };

    /// <summary>The resource and operation of an API route and method, or null when the table does not know the route.</summary>
    public static Entry? ForApi(string routePattern, IEnumerable<string> methods)
    {
        ArgumentNullException.ThrowIfNull(routePattern);
        ArgumentNullException.ThrowIfNull(methods);
        var pattern = "/" + routePattern.TrimStart('/');
        foreach (var (prefix, resource) in ApiRoutes)
        {
            if (pattern == prefix || pattern.StartsWith(prefix + "/", StringComparison.Ordinal) || pattern.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                var read = methods.All(m => m is "GET" or "HEAD");
                return new Entry(resource, read ? Operation.Read : Operation.Write);
            }
        }
        return null;
    }

    /// <summary>Whether a page is known to the table, and then its entry (null: anonymous).</summary>
    public static bool TryPage(string viewEnginePath, out Entry? entry) => Pages.TryGetValue(viewEnginePath, out entry);

    /// <summary>
    /// The convention every endpoint gets: its access policy (the API scheme) and its entry. The API description is
    /// public only when <paramref name="publicApiDescription"/> (development); otherwise behind sign-in.
    /// </summary>
    public static Action<EndpointBuilder> Convention(bool publicApiDescription) => builder =>
    {
        if (builder is not RouteEndpointBuilder route)
        {
            return;
        }
        var methods = builder.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).DefaultIfEmpty("GET").ToList();
        var entry = ForApi(route.RoutePattern.RawText ?? "", methods);
        if (entry is { Resource: Resource.ApiDescription } && publicApiDescription)
        {
            builder.Metadata.Add(new AllowAnonymousAttribute());
            return;
        }
        builder.Metadata.Add(new AuthorizeAttribute(entry is null ? "api:" + AccessPolicies.Nobody : AccessPolicies.Api(entry.Resource, entry.Operation)));
        if (entry is not null)
        {
            builder.Metadata.Add(entry);
        }
    };

    /// <summary>The metadata a page gets: anonymous, its access policy (the cookie scheme), or refused to everyone.</summary>
    public static IEnumerable<object> ForPage(string viewEnginePath)
    {
        if (!TryPage(viewEnginePath, out var entry))
        {
            return [new AuthorizeAttribute("page:" + AccessPolicies.Nobody)];
        }
        return entry is null ? [new AllowAnonymousAttribute()] : [new AuthorizeAttribute(AccessPolicies.Page(entry.Resource, entry.Operation)), entry];
    }
}
