using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tidu.Web.Security;
using Tidu.Web.Tests.Infrastructure;

namespace Tidu.Web.Tests.AttackMatrix;

/// <summary>One request to send: method, URL, a body made for the sender (pages need its antiforgery token), and what it aims at.</summary>
public sealed record Attempt(HttpMethod Method, string Url, Func<string?, HttpContent?> Body, bool UsesTarget, bool PrivateObjectInRoute);

/// <summary>
/// One endpoint or page handler as the attack matrix probes it: where it is, which resource and operation of the
/// access matrix it declares (null: it declares none — a finding), and how to aim a request of it at a set of objects.
/// </summary>
public sealed record Probe(string Surface, string Method, string Template, string? Handler, EndpointAccess.Entry? Access, bool Anonymous,
    Func<ObjectSet, Attempt> Aim, IReadOnlyList<string> Unresolved, IReadOnlyList<(string Name, Type Type)> Query)
{
    public string Name => $"{Surface} {Method} /{Template.TrimStart('/')}{(Handler is null ? "" : "?handler=" + Handler)}";
}

/// <summary>
/// The attack surface, read from the running app — the endpoint data source (every API endpoint with its route,
/// methods, parameters and body type) and the pages (every handler of every page) — so that a new endpoint or page
/// is probed without being listed here. Values are chosen by parameter name and type; a route parameter the suite
/// cannot aim is reported (a finding), never skipped.
/// </summary>
public static class AttackSurface
{
    public static async Task<IReadOnlyList<Probe>> ReadAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var probes = new List<Probe>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null || endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods)
            {
                continue;
            }
            foreach (var method in methods.HttpMethods)
            {
                probes.Add(ApiProbe(endpoint, method));
            }
        }
        var loader = services.GetRequiredService<PageLoader>();
        var pages = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .GroupBy(d => d.ViewEnginePath).Select(g => g.OrderBy(d => d.AttributeRouteInfo?.Template?.Length ?? 0).First());
        foreach (var descriptor in pages)
        {
            var compiled = await loader.LoadAsync(descriptor, EndpointMetadataCollection.Empty);
            var metadata = new EndpointMetadataCollection(compiled.EndpointMetadata);
            foreach (var handler in compiled.HandlerMethods)
            {
                probes.Add(PageProbe(compiled, metadata, handler));
            }
        }
        return probes;
    }

    private static Probe ApiProbe(RouteEndpoint endpoint, string method)
    {
        var template = endpoint.RoutePattern.RawText ?? "";
        var info = endpoint.Metadata.GetMetadata<MethodInfo>();
        var parameters = info?.GetParameters() ?? [];
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var query = QueryParameters(parameters, routeNames).ToList();
        var file = parameters.FirstOrDefault(p => p.ParameterType == typeof(IFormFile));
        var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var raw = parameters.Any(p => p.ParameterType == typeof(HttpRequest)) && method is "PUT" or "POST";
        var unresolved = endpoint.RoutePattern.Parameters.Where(p => RouteValue(template, p.Name, Sample) is null).Select(p => p.Name).ToList();
        return new Probe("api", method, template, null, endpoint.Metadata.GetMetadata<EndpointAccess.Entry>(), endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
            o =>
            {
                var (path, usesTarget, privateObject) = Fill(template, o);
                var url = path + QueryString(query.Select(q => (q.Name, Value(q.Name, q.Type, o, template))));
                usesTarget |= query.Any(q => AimsAtTarget(q.Name));
                Func<string?, HttpContent?> body = _ => null;
                if (file is not null)
                {
                    usesTarget = true;
                    body = _ => Multipart(file.Name!, template, o, new Dictionary<string, string>());
                }
                else if (bodyType is not null && bodyType != typeof(IFormFile) && method is not "GET")
                {
                    var json = Json(bodyType, o, template);
                    usesTarget |= json.UsesTarget;
                    body = _ => new StringContent(json.Node.ToJsonString(), Encoding.UTF8, "application/json");
                }
                else if (raw)
                {
                    body = _ => new StringContent(Profiles.Minimal(o.CreditCode, "攻击矩阵改名", o.RegionCode).ToJsonString(), Encoding.UTF8, "application/json");
                }
                return new Attempt(new HttpMethod(method), url, body, usesTarget, privateObject);
            }, unresolved, query);
    }

    private static Probe PageProbe(CompiledPageActionDescriptor page, EndpointMetadataCollection metadata, HandlerMethodDescriptor handler)
    {
        var template = page.AttributeRouteInfo?.Template ?? page.ViewEnginePath.TrimStart('/');
        var method = handler.HttpMethod.ToUpperInvariant();
        var routeNames = RouteNames(template).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fields = handler.Parameters.Where(p => !routeNames.Contains(p.Name) && p.ParameterType != typeof(CancellationToken))
            .Select(p => (p.Name, p.ParameterType))
            .Concat(page.BoundProperties.OfType<PageBoundPropertyDescriptor>()
                .Where(p => method == "POST" || p.Property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet == true)
                .SelectMany(p => Expand(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType)))
            .ToList();
        var unresolved = routeNames.Where(n => RouteValue(template, n, Sample) is null).ToList();
        return new Probe("page", method, template, handler.Name, metadata.GetMetadata<EndpointAccess.Entry>(), metadata.GetMetadata<IAllowAnonymous>() is not null,
            o =>
            {
                var (path, usesTarget, privateObject) = Fill(template, o);
                var handlerQuery = handler.Name is null ? Array.Empty<(string, object?)>() : [("handler", handler.Name)];
                var values = fields.Where(f => f.Item2 != typeof(IFormFile)).Select(f => (f.Item1, Value(f.Item1, f.Item2, o, template))).ToList();
                usesTarget |= fields.Any(f => AimsAtTarget(f.Item1));
                if (method == "GET")
                {
                    return new Attempt(HttpMethod.Get, path + QueryString(handlerQuery.Concat(values)), _ => null, usesTarget, privateObject);
                }
                var file = fields.FirstOrDefault(f => f.Item2 == typeof(IFormFile));
                var form = values.Where(v => v.Item2 is not null).SelectMany(v => FormFields(v.Item1, v.Item2!)).ToList();
                return new Attempt(HttpMethod.Post, path + QueryString(handlerQuery), token =>
                {
                    var withToken = form.Concat(token is null ? [] : [new KeyValuePair<string, string>("__RequestVerificationToken", token)]).ToDictionary(f => f.Key, f => f.Value);
                    return file.Item1 is not null ? Multipart(file.Item1, template, o, withToken) : new FormUrlEncodedContent(withToken);
                }, usesTarget || file.Item1 is not null, privateObject);
            }, unresolved, [.. fields.Where(f => method == "GET")]);
    }

    /// <summary>A complex bound property's simple members as form fields ("Input.Title"); a simple one as itself.</summary>
    private static IEnumerable<(string, Type)> Expand(string name, Type type)
    {
        if (IsSimple(type) || type == typeof(IFormFile))
        {
            return [(name, type)];
        }
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsSimple(p.PropertyType)).Select(p => ($"{name}.{p.Name}", p.PropertyType));
    }

    private static IEnumerable<(string Name, Type Type)> QueryParameters(ParameterInfo[] parameters, HashSet<string> routeNames)
    {
        foreach (var p in parameters)
        {
            if (p.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var member in p.ParameterType.GetConstructors().Single().GetParameters())
                {
                    yield return (Camel(member.Name!), member.ParameterType);
                }
            }
            else if (IsSimple(p.ParameterType) && !routeNames.Contains(p.Name!))
            {
                yield return (p.Name!, p.ParameterType);
            }
        }
    }

    private static readonly ObjectSet Sample = new("sample", "330102", "913301020000000000", 1, 1, "x", 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, Guid.Empty, "x");

    /// <summary>The template with its route parameters aimed at the objects; whether it aims at one and whether that one is private to a region.</summary>
    private static (string Path, bool UsesTarget, bool PrivateObject) Fill(string template, ObjectSet o)
    {
        var path = "/" + template.TrimStart('/');
        var usesTarget = false;
        var privateObject = false;
        foreach (var name in RouteNames(template))
        {
            var (value, isPrivate) = RouteValue(template, name, o) ?? ("0", false);
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + name + "(:[^}]*)?\\??\\}", value);
            usesTarget = true;
            privateObject |= isPrivate;
        }
        return (path.Replace("//", "/", StringComparison.Ordinal).TrimEnd('/') is { Length: > 0 } p ? p : "/", usesTarget, privateObject);
    }

    private static IEnumerable<string> RouteNames(string template) =>
        System.Text.RegularExpressions.Regex.Matches(template, "\\{([A-Za-z]+)[^}]*\\}").Select(m => m.Groups[1].Value);

    /// <summary>
    /// The value of a route parameter for the objects, by its name and the segment before it, and whether the object is
    /// private to a region (rounds are announcements, readable by everyone signed in). Null: the suite does not know it.
    /// </summary>
    private static (string Value, bool Private)? RouteValue(string template, string name, ObjectSet o)
    {
        var segments = template.Split('/');
        var at = Array.FindIndex(segments, s => s.StartsWith("{" + name, StringComparison.OrdinalIgnoreCase));
        var before = at > 0 ? segments[at - 1].ToUpperInvariant() : "";
        return name.ToUpperInvariant() switch
        {
            "CREDITCODE" => (o.CreditCode, true),
            "MATERIALID" => (Text(o.MaterialId), true),
            "OBJECTIONID" => (Text(o.ObjectionId), true),
            "DOCUMENTNAME" => ("v1", false),
            "ID" => before switch
            {
                "APPLICATIONS" => (Text(o.ApplicationId), true),
                "REQUESTS" => (Text(o.RequestId), true),
                "RECOGNITIONS" => (Text(o.RecognitionId), true),
                "POOLS" => (Text(o.PoolStayId), true),
                "CONSENTS" => (Text(o.ConsentId), true),
                "IMPORTS" or "JOB" => (o.ImportJobId.ToString(), true),
                "ROUNDS" => (Text(o.RoundId), false),
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>
    /// The object an "id" field names: the kind of object the route or page is about. Aiming every "id" at the
    /// application would send another kind's handler a number that may be some other object's id (a recognition or a
    /// pool stay of a region the principal does reach), which changes that object and proves nothing.
    /// </summary>
    private static long IdNamedBy(string template, ObjectSet o)
    {
        var t = template.ToUpperInvariant();
        return t.Contains("RECOGNITION", StringComparison.Ordinal) ? o.RecognitionId
            : t.Contains("POOL", StringComparison.Ordinal) ? o.PoolStayId
            : t.Contains("CONSENT", StringComparison.Ordinal) ? o.ConsentId
            : t.Contains("REQUEST", StringComparison.Ordinal) ? o.RequestId
            : t.Contains("NOTIFICATION", StringComparison.Ordinal) ? o.NotificationId
            : o.ApplicationId;
    }

    /// <summary>Whether a field named so aims at an object of the target set (rather than at the sender's own data).</summary>
    private static bool AimsAtTarget(string name) => name.ToUpperInvariant() is "CREDITCODE" or "CREDITCODES" or "ROUNDID" or "IDS" or "REGION" or "Q" or "ROUND" or "ID";

    /// <summary>A value for a parameter or member, by name first, then by type; null leaves it out.</summary>
    public static object? Value(string name, Type type, ObjectSet o, string template)
    {
        var today = TestClock.Today;
        var upper = name.ToUpperInvariant();
        var last = upper.Split('.')[^1];
        object? byName = last switch
        {
            "CREDITCODE" or "Q" => o.CreditCode,
            "CREDITCODES" => new[] { o.CreditCode },
            "REGION" or "REGIONCODE" => o.RegionCode,
            "ROUND" or "ROUNDID" => o.RoundId,
            "IDS" => new[] { o.NotificationId },
            "ID" => IdNamedBy(template, o),
            "OBJECTIONID" => o.ObjectionId,
            "REVISION" => template.Contains("equest", StringComparison.OrdinalIgnoreCase) ? o.RequestRevision : o.ApplicationRevision,
            "DECISION" => template.Contains("recognition", StringComparison.OrdinalIgnoreCase) ? "keep" : "approve",
            "OUTCOME" => "dismissed",
            "GROUND" => "fraud",
            "TIER" => "specialized-sme",
            "TIERS" => null,
            "POOL" => "reserve",
            "EXPERT" => "expert",
            "COMMISSIONER" => "sc-commissioner",
            "RECIPIENTKIND" => "bank",
            "CATEGORY" => "finance",
            "VISITEDON" => today.AddDays(-1),
            "RECOGNIZEDON" or "OPENSON" => today,
            "CLOSESON" => today.AddDays(30),
            "RULESETVERSION" => o.RuleSetVersion,
            "SATISFACTION" => 5,
            "DECLAREDTRUE" => true,
            "HASCONFLICT" => false,
            "COMMIT" => true,
            "FIELD" => "/financials/0/operatingRevenue",
            "VALUE" => 1,
            "SCORES" => new Dictionary<string, decimal> { ["specialization"] = 20, ["refinement"] = 20, ["distinctiveness"] = 20, ["innovation"] = 20 },
            "PURPOSE" => "read",
            "PAGE" => 1,
            // Filters and paging left out: the default answer is the widest.
            "STATUS" or "STATE" or "LEVEL" or "BY" or "FROM" or "TO" or "ON" or "ASOF" or "YEAR" or "TAKE" or "UNREAD" or "PAGESIZE" or "SORT" or "MONTH"
                or "NEARMISS" or "SIZECLASS" or "INDUSTRY" or "QUOTAS" or "SCORESHEET" or "VALIDUNTIL" or "PUBLICITYWORKINGDAYS" or "VALIDITYYEARS"
                or "RETURNURL" or "SAVED" or "FORMAT" or "ONTEXT" or "YEARTEXT" or "MONTHTEXT" or "PAGENUMBER" => null,
            _ => Missing.Value,
        };
        if (byName != Missing.Value)
        {
            return byName;
        }
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) ? "攻击矩阵"
            : t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double) ? 1
            : t == typeof(bool) ? true
            : t == typeof(DateOnly) ? today
            : null;
    }

    private static (JsonNode Node, bool UsesTarget) Json(Type type, ObjectSet o, string template)
    {
        var node = new JsonObject();
        var usesTarget = false;
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        var members = ctor is { } c && c.GetParameters().Length > 0
            ? c.GetParameters().Select(p => (p.Name!, p.ParameterType))
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => (p.Name, p.PropertyType));
        foreach (var (name, memberType) in members)
        {
            if (Value(name, memberType, o, template) is { } value)
            {
                node[Camel(name)] = JsonSerializer.SerializeToNode(value);
                usesTarget |= AimsAtTarget(name);
            }
        }
        return (node, usesTarget);
    }

    /// <summary>A file upload aimed at the objects: an import of the target's file renamed, or a tiny PDF as a material.</summary>
    private static MultipartFormDataContent Multipart(string field, string template, ObjectSet o, Dictionary<string, string> fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }
        if (template.Contains("material", StringComparison.OrdinalIgnoreCase))
        {
            form.Add(new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n%攻击矩阵\n%%EOF\n")), field, "attack.pdf");
        }
        else
        {
            var csv = Tables.Csv([new(o.CreditCode, "攻击矩阵改名有限公司", o.RegionCode, "2012-05-01", "2025", "100")]);
            form.Add(new ByteArrayContent(csv), field, "attack.csv");
        }
        return form;
    }

    private static IEnumerable<KeyValuePair<string, string>> FormFields(string name, object value) => value switch
    {
        string[] list => list.Select(v => new KeyValuePair<string, string>(name, v)),
        long[] ids => ids.Select(v => new KeyValuePair<string, string>(name, Text(v))),
        Dictionary<string, decimal> map => map.Select(kv => new KeyValuePair<string, string>($"{name}[{kv.Key}]", kv.Value.ToString(CultureInfo.InvariantCulture))),
        DateOnly d => [new(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
        bool b => [new(name, b ? "true" : "false")],
        IFormattable f => [new(name, f.ToString(null, CultureInfo.InvariantCulture))],
        _ => [new(name, value.ToString() ?? "")],
    };

    private static string QueryString(IEnumerable<(string Name, object? Value)> values)
    {
        var parts = values.Where(v => v.Value is not null).SelectMany(v => FormFields(v.Name, v.Value!))
            .Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(Guid) || t.IsEnum
            || t == typeof(string[]) || t == typeof(Dictionary<string, decimal>) || t == typeof(DateTimeOffset);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
