using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Api;

/// <summary>
/// The API description (/openapi/v1.json) describes every answer a client must handle: each operation under /api/v1
/// names its success body (a schema with content, not an empty object), and its refusals as RFC 9457 problem details.
/// The expectations come from the API's contract, not from the endpoints: every call needs a principal (401) and a
/// permission of the access matrix (403); a resource named in the path may be unknown or outside the caller's
/// region (404); a write may be refused for its input (400 or 422).
/// </summary>
[Collection(SqliteApp.Name)]
public sealed class OpenApiTests(SqliteAppFixture app)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_operation_describes_its_success_body_with_a_schema()
    {
        var (paths, schemas) = await DocumentAsync();
        var lacking = new List<string>();
        foreach (var (path, method, operation) in Operations(paths))
        {
            var responses = operation["responses"]?.AsObject() ?? [];
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0)
            {
                lacking.Add($"{method} {path}: no 2xx response");
                continue;
            }
            var described = success.All(r => r.Value?["content"]?.AsObject() is { Count: > 0 } content && content.All(c => Describes(c.Value?["schema"], schemas)));
            if (!described)
            {
                lacking.Add($"{method} {path}: a 2xx response without a schema that has content");
            }
        }
        lacking.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_documents_its_refusals_as_problem_details()
    {
        var (paths, _) = await DocumentAsync();
        var lacking = new List<string>();
        foreach (var (path, method, operation) in Operations(paths))
        {
            var responses = operation["responses"]?.AsObject() ?? [];
            var expected = new List<string[]> { new[] { "401" }, new[] { "403" } };
            if (path.Contains('{', StringComparison.Ordinal))
            {
                expected.Add(["404"]);
            }
            if (method is not "get")
            {
                expected.Add(["400", "422"]);
            }
            foreach (var anyOf in expected)
            {
                if (!anyOf.Any(s => responses[s]?["content"]?["application/problem+json"] is not null))
                {
                    lacking.Add($"{method} {path}: no {string.Join(" or ", anyOf)} problem response");
                }
            }
        }
        lacking.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_document_lists_the_api_and_an_unknown_schema_is_caught()
    {
        var (paths, schemas) = await DocumentAsync();
        // The endpoints the README names are there (the checks above would pass on an empty document).
        paths.Select(p => p.Key).ShouldContain("/api/v1/enterprises");
        paths.Select(p => p.Key).ShouldContain("/api/v1/applications");
        Operations(paths).Count().ShouldBeGreaterThan(50);
        // The schema check itself: an empty schema and a reference to nothing describe nothing.
        Describes(new JsonObject(), schemas).ShouldBeFalse();
        Describes(new JsonObject { ["$ref"] = "#/components/schemas/NoSuchSchema" }, schemas).ShouldBeFalse();
        Describes(new JsonObject { ["type"] = "object" }, schemas).ShouldBeFalse();
        Describes(new JsonObject { ["type"] = "array", ["items"] = new JsonObject() }, schemas).ShouldBeFalse();
    }

    private async Task<(JsonObject Paths, JsonObject Schemas)> DocumentAsync()
    {
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, text) = await officer.GetJsonAsync("/openapi/v1.json");
        status.ShouldBe(HttpStatusCode.OK, text);
        return (json!["paths"]!.AsObject(), json["components"]?["schemas"]?.AsObject() ?? []);
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject paths) =>
        from p in paths
        where p.Key.StartsWith("/api/v1/", StringComparison.Ordinal) || p.Key == "/api/v1"
        from m in Methods
        where p.Value?[m] is JsonObject
        select (p.Key, m, p.Value![m]!.AsObject());

    /// <summary>
    /// Whether <paramref name="schema"/> says something about the body: a reference to a known component, a scalar
    /// type, an object with properties (or a map), an array of such, or a choice among such.
    /// </summary>
    private static bool Describes(JsonNode? schema, JsonObject schemas, int depth = 0)
    {
        if (schema is not JsonObject s || depth > 8)
        {
            return false;
        }
        if (s["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference.Split('/')[^1];
            return schemas[name] is { } target && (target.AsObject().Count > 0) && Describes(target, schemas, depth + 1);
        }
        foreach (var choice in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (s[choice] is JsonArray options && options.Count > 0)
            {
                return options.All(o => Describes(o, schemas, depth + 1) || IsNull(o));
            }
        }
        var type = s["type"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray a => a.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            _ => null,
        };
        return type switch
        {
            "array" => Describes(s["items"], schemas, depth + 1),
            "object" => s["properties"] is JsonObject { Count: > 0 } || s["additionalProperties"] is JsonObject,
            null => s["properties"] is JsonObject { Count: > 0 },
            _ => true,
        };
    }

    private static bool IsNull(JsonNode? schema) => schema?["type"]?.ToString() == "null";
}
