using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Tidu.Cluster.Limits;
using Tidu.Data.Identity;

namespace Tidu.Web.Security;

/// <summary>Rate limits (appsettings "RateLimits"): requests per window, per client address and per principal.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [System.ComponentModel.DataAnnotations.Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Sign-in attempts (posts of the sign-in page) per address and window.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int SignInPerAddress { get; set; } = 20;

    /// <summary>API calls per signed-in user or API key and window.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int ApiPerPrincipal { get; set; } = 600;

    /// <summary>API calls per address and window (all principals and anonymous callers behind it together).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int ApiPerAddress { get; set; } = 1_200;
}

/// <summary>
/// Limits on abuse: the client's real address behind the TLS proxy (forwarded headers, from the proxies configured in
/// "ForwardedHeaders:KnownProxies" only), and ASP.NET Core rate limiting of the sign-in page per address and of the
/// API per address and per principal (user or key). A request over a limit gets 429 with a Chinese message and Retry-After.
/// On a node of a cluster the windows are the cluster's (<see cref="SharedRateLimits"/>, docs/adr/0011-cluster-on-orleans.md).
/// </summary>
public static class AbuseLimits
{
    public static void AddAbuseLimits(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<RateLimitOptions>().Bind(config.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignInOptions>().Bind(config.GetSection(SignInOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SignInThrottle>();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback stays known (a proxy on the same machine); others only when configured.
            foreach (var proxy in config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            foreach (var network in config.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        var limits = config.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var window = limits.WindowSeconds;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    window = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                }
                context.HttpContext.Response.Headers.RetryAfter = window.ToString(CultureInfo.InvariantCulture);
                await ErrorResponses.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "request.rate-limited", $"请求过于频繁，请 {window} 秒后再试",
                    "too many requests: wait and try again").ConfigureAwait(false);
            };
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => Partition(ctx, byPrincipal: false, limits)),
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => Partition(ctx, byPrincipal: true, limits)));
        });
    }

    public static void UseAbuseLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>The client's address as the forwarded headers leave it ("unknown" when the server has none).</summary>
    public static string AddressOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private static RateLimitPartition<string> Partition(HttpContext ctx, bool byPrincipal, RateLimitOptions limits)
    {
        var path = ctx.Request.Path;
        var signIn = HttpMethods.IsPost(ctx.Request.Method) && path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase);
        var api = path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        if (!signIn && !api)
        {
            return RateLimitPartition.GetNoLimiter("free");
        }
        string key;
        int permits;
        if (!byPrincipal)
        {
            key = (signIn ? "sign-in:" : "api-address:") + AddressOf(ctx);
            permits = signIn ? limits.SignInPerAddress : limits.ApiPerAddress;
        }
        else if (api && Principal(ctx.User) is { } principal)
        {
            key = "api-principal:" + principal;
            permits = limits.ApiPerPrincipal;
        }
        else
        {
            return RateLimitPartition.GetNoLimiter("no-principal");
        }
        var window = TimeSpan.FromSeconds(limits.WindowSeconds);
        // A node of a cluster counts in the cluster's window for the key, so that requests spread over nodes by the
        // load balancer are limited as one; a single process counts here.
        if (ctx.RequestServices.GetService<SharedRateLimits>() is { } shared)
        {
            return RateLimitPartition.Get(key, k => shared.FixedWindow(k, permits, window));
        }
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The key's id or the user's id; null for anonymous callers (their address is the limit).</summary>
    private static string? Principal(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? null
        : user.FindFirstValue(TiduClaims.ApiKeyId) is { } key ? "key:" + key
        : user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id
        : null;
}
