namespace Tidu.Web.Adapters;

/// <summary>How the API description names a download: a binary body (a file) of the given media types.</summary>
public static class FileResponses
{
    /// <summary>200 with a file body; without media types, whatever type the file was recognised as.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, params string[] contentTypes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A Stream is what the description generator writes as {type: string, format: binary}.
        return builder.Produces<Stream>(StatusCodes.Status200OK, contentTypes.Length == 0 ? "application/octet-stream" : contentTypes[0], contentTypes.Skip(1).ToArray());
    }
}
