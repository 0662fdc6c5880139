using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Tidu.Data.Scoping;

namespace Tidu.Web.Security;

/// <summary>
/// Authorization policies built from the access matrix. Every policy names exactly one authentication scheme: pages
/// the cookie, the API <see cref="Credentials.ApiScheme"/> (cookie or key, one of them). A policy name is
/// "page:Resource:Operation" or "api:Resource:Operation"; "api:nobody" and "page:nobody" refuse everyone (what an
/// endpoint the access table does not know gets).
/// </summary>
public static class AccessPolicies
{
    public const string Nobody = "nobody";

    public static string Api(Resource resource, Operation operation) => $"api:{resource}:{operation}";

    public static string Page(Resource resource, Operation operation) => $"page:{resource}:{operation}";

    /// <summary>The resource and operation a policy name stands for; null for other names and for "nobody".</summary>
    public static (Resource Resource, Operation Operation)? Parse(string? name)
    {
        var parts = name?.Split(':');
        return parts is { Length: 3 } && parts[0] is "api" or "page"
            && Enum.TryParse<Resource>(parts[1], out var resource) && Enum.TryParse<Operation>(parts[2], out var operation)
            ? (resource, operation)
            : null;
    }

    public static AuthorizationPolicy? Build(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var scheme = name.StartsWith("api:", StringComparison.Ordinal) ? Credentials.ApiScheme
            : name.StartsWith("page:", StringComparison.Ordinal) ? Credentials.CookieScheme
            : null;
        if (scheme is null)
        {
            return null;
        }
        var builder = new AuthorizationPolicyBuilder(scheme).RequireAuthenticatedUser();
        if (Parse(name) is { } access)
        {
            return builder.AddRequirements(new AccessRequirement(access.Resource, access.Operation)).Build();
        }
        // Unknown to the access table: nobody passes (fail closed; the attack-matrix tests list such endpoints).
        return builder.RequireAssertion(_ => false).Build();
    }
}

/// <summary>Met when the access matrix allows the principal's actor the operation on the resource.</summary>
public sealed class AccessRequirement(Resource resource, Operation operation) : AuthorizationHandler<AccessRequirement>, IAuthorizationRequirement
{
    public Resource Resource { get; } = resource;
    public Operation Operation { get; } = operation;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (AccessMatrix.Allows(context.User, requirement.Resource, requirement.Operation))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    public override string ToString() => $"access matrix: {Resource} {Operation}";
}

/// <summary>Hands out the access policies by name; other names go to the configured policies.</summary>
public sealed class AccessPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        AccessPolicies.Build(policyName) ?? await base.GetPolicyAsync(policyName).ConfigureAwait(false);
}
