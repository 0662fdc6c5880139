using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task The_refusal_body_names_its_code_and_Chinese_message()
    {
        var (paths, schemas) = await DocumentAsync();
        // Every problem response of every operation refers to a schema with the members a client relies on.
        var lacking = new List<string>();
        foreach (var (path, method, operation) in Operations(paths))
        {
            foreach (var (status, response) in operation["responses"]?.AsObject() ?? [])
            {
                if (response?["content"]?["application/problem+json"]?["schema"] is not { } schema)
                {
                    continue;
                }
                var target = Resolve(schema, schemas);
                var properties = target?["properties"]?.AsObject();
                var required = target?["required"]?.AsArray().Select(r => (string?)r).ToList() ?? [];
                foreach (var member in new[] { "code", "titleZh" })
                {
                    if (properties?[member]?["type"]?.ToString() is not { } type || !type.Contains("string", StringComparison.Ordinal) || !required.Contains(member))
                    {
                        lacking.Add($"{method} {path} {status}: {member} is not a required string");
                    }
                }
                foreach (var member in new[] { "title", "status", "detail" })
                {
                    if (properties?[member] is null)
                    {
                        lacking.Add($"{method} {path} {status}: {member} is not described");
                    }
                }
            }
        }
        lacking.ShouldBeEmpty();
        // The 422 of a field check names the fields too (RFC 9457's extension as ASP.NET writes it).
        Resolve(new JsonObject { ["$ref"] = "#/components/schemas/HttpValidationProblemDetails" }, schemas)?["properties"]?["errors"].ShouldNotBeNull();
    }

    /// <summary>
    /// The enterprise file, its evaluation, gap and awards are written by the rules' JSON writers, not serialized from
    /// the records that describe them: what an endpoint answers must fit what the description says, member by member
    /// (no member the description does not name, no value of another type, no null where none is allowed).
    /// </summary>
    [Fact]
    public async Task The_file_evaluation_gap_and_awards_answer_as_the_description_says()
    {
        var (paths, schemas) = await DocumentAsync();
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        var qualifying = CreditCodes.For("330106", 9741);
        var minimal = CreditCodes.For("330106", 9742);
        var file = Profiles.Qualifying(qualifying, "测试描述一致精密有限公司", "330106", TestClock.Today);
        file.Remove("recognitions"); // recognitions come from the procedure, not from a file edit
        (await officer.PutJsonAsync($"/api/v1/enterprises/{qualifying}", file)).Status.ShouldBe(HttpStatusCode.OK);
        (await officer.PutJsonAsync($"/api/v1/enterprises/{minimal}", Profiles.Minimal(minimal, "测试描述一致材料有限公司", "330106"))).Status.ShouldBe(HttpStatusCode.OK);
        // A demo file holding recognitions, so that claims of awards and recognitions in the file are compared too.
        var recognized = await app.WithDbAsync(db => db.Enterprises.Where(e => e.ProvinceCode == "330000" && e.Recognitions.Count > 0).OrderBy(e => e.Id)
            .Select(e => e.CreditCode).FirstAsync(TestContext.Current.CancellationToken));
        var mismatches = new List<string>();
        var checkedValues = 0;
        foreach (var code in new[] { qualifying, minimal, recognized })
        {
            foreach (var (template, suffix) in new[] { ("/api/v1/enterprises/{creditCode}", ""), ("/api/v1/enterprises/{creditCode}/evaluation", "/evaluation"),
                ("/api/v1/enterprises/{creditCode}/gap", "/gap"), ("/api/v1/enterprises/{creditCode}/awards", "/awards") })
            {
                var (status, json, text) = await officer.GetJsonAsync($"/api/v1/enterprises/{code}{suffix}");
                status.ShouldBe(HttpStatusCode.OK, text);
                var schema = paths[template]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"];
                checkedValues += Conforms(json, schema, schemas, $"{code}{suffix}", mismatches);
            }
        }
        mismatches.Take(30).ToList().ShouldBeEmpty($"{mismatches.Count} mismatches, the first 30 shown");
        // The walk went deep: checks, tiers, changes and claims were compared, not only the top members.
        checkedValues.ShouldBeGreaterThan(500);
        // And it catches what it should: a member the description does not name, and a value of another type.
        var evaluation = paths["/api/v1/enterprises/{creditCode}/evaluation"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"];
        var caught = new List<string>();
        Conforms(new JsonObject { ["creditCode"] = 12, ["surprise"] = 1 }, evaluation, schemas, "made-up", caught);
        caught.ShouldContain("made-up/surprise: a member the description does not name");
        caught.ShouldContain(m => m.StartsWith("made-up/creditCode: a number where", StringComparison.Ordinal));
        caught.ShouldContain("made-up/tiers: required by the description, missing");
    }

    /// <summary>Compares <paramref name="value"/> with <paramref name="schema"/>; adds each mismatch; answers how many values it compared.</summary>
    private static int Conforms(JsonNode? value, JsonNode? schema, JsonObject schemas, string at, List<string> mismatches)
    {
        var s = Resolve(schema, schemas);
        if (s is null || s.Count == 0)
        {
            return 1; // any JSON value (a check's actual value, a JSON Pointer's current value)
        }
        foreach (var choice in new[] { "oneOf", "anyOf" })
        {
            if (s[choice] is JsonArray options)
            {
                var fits = options.Select(o => { var m = new List<string>(); var n = Conforms(value, o, schemas, at, m); return (m, n); }).ToList();
                if (fits.FirstOrDefault(f => f.m.Count == 0) is { m: not null } fit)
                {
                    return fit.n;
                }
                mismatches.Add($"{at}: fits none of the choices ({string.Join("; ", fits.SelectMany(f => f.m).Take(3))})");
                return 1;
            }
        }
        var types = s["type"] switch
        {
            JsonValue v => [v.GetValue<string>()],
            JsonArray a => a.Select(t => t!.GetValue<string>()).ToHashSet(),
            _ => new HashSet<string>(),
        };
        var kind = value switch
        {
            null => "null",
            JsonObject => "object",
            JsonArray => "array",
            _ => value.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => "string",
                System.Text.Json.JsonValueKind.Number => "number",
                System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
                _ => "null",
            },
        };
        if (types.Count > 0 && !types.Contains(kind) && !(kind == "number" && types.Contains("integer")))
        {
            mismatches.Add($"{at}: a {kind} where the description says {string.Join(" or ", types)}");
            return 1;
        }
        var count = 1;
        if (value is JsonObject o)
        {
            var properties = s["properties"]?.AsObject();
            var additional = s["additionalProperties"] as JsonObject;
            foreach (var (name, member) in o)
            {
                if (properties?[name] is { } p)
                {
                    count += Conforms(member, p, schemas, $"{at}/{name}", mismatches);
                }
                else if (additional is not null)
                {
                    count += Conforms(member, additional, schemas, $"{at}/{name}", mismatches);
                }
                else if (properties is not null)
                {
                    mismatches.Add($"{at}/{name}: a member the description does not name");
                }
            }
            foreach (var name in s["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                if (!o.ContainsKey(name))
                {
                    mismatches.Add($"{at}/{name}: required by the description, missing");
                }
            }
        }
        else if (value is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                count += Conforms(array[i], s["items"], schemas, $"{at}/{i}", mismatches);
            }
        }
        return count;
    }

    private static JsonObject? Resolve(JsonNode? schema, JsonObject schemas, int depth = 0) =>
        schema is JsonObject s && s["$ref"]?.GetValue<string>() is { } reference && depth < 8
            ? Resolve(schemas[reference.Split('/')[^1]], schemas, depth + 1)
            : schema as JsonObject;

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
