using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>Small helpers for calling the API and reading its JSON.</summary>
public static class Http
{
    public static Uri Url(string relative) => new(relative, UriKind.Relative);

    public static async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> GetJsonAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var r = await client.GetAsync(Url(url)).ConfigureAwait(false);
        return await ReadAsync(r).ConfigureAwait(false);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> PutJsonAsync(this HttpClient client, string url, JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(body);
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var r = await client.PutAsync(Url(url), content).ConfigureAwait(false);
        return await ReadAsync(r).ConfigureAwait(false);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> PostJsonAsync(this HttpClient client, string url, JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(body);
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var r = await client.PostAsync(Url(url), content).ConfigureAwait(false);
        return await ReadAsync(r).ConfigureAwait(false);
    }

    /// <summary>POST /api/v1/imports with the file as multipart 'file'.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> ImportAsync(this HttpClient client, string fileName, byte[] content, bool commit)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        form.Add(file, "file", fileName);
        using var r = await client.PostAsync(Url("/api/v1/imports" + (commit ? "?commit=true" : "")), form).ConfigureAwait(false);
        return await ReadAsync(r).ConfigureAwait(false);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> ReadAsync(HttpResponseMessage r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var text = await r.Content.ReadAsStringAsync().ConfigureAwait(false);
        JsonNode? json = null;
        if (r.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.Ordinal) && text.Length > 0)
        {
            json = JsonNode.Parse(text);
        }
        return (r.StatusCode, json, text);
    }

    public static Task<JsonNode?> ReadJsonAsync(this HttpContent content) => content.ReadFromJsonAsync<JsonNode>();
}
