using System.Net;
using System.Net.Sockets;

namespace Tidu.Web.Seeding;

/// <summary>
/// Before any work (migrations, demo data), checks that the addresses the platform will listen on are free, so a taken
/// port is reported at once in one Chinese sentence instead of after minutes of seeding with a stack trace.
/// </summary>
public static class PortCheck
{
    /// <summary>The Chinese message for the first address already in use, or null when every configured port is free.</summary>
    public static string? Taken(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Endpoint(url) is not { } endpoint || endpoint.Port == 0)
            {
                continue;
            }
            try
            {
                using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(endpoint);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                return $"端口 {endpoint.Port} 已被占用（{url}）：请先关闭占用该端口的程序，或用其他端口启动，例如 dotnet run --project src/Tidu.Web --urls http://localhost:{endpoint.Port + 1}";
            }
        }
        return null;
    }

    /// <summary>The address to probe for a URL such as http://localhost:5080, http://*:5080 or http://0.0.0.0:5080.</summary>
    private static IPEndPoint? Endpoint(string url)
    {
        // Kestrel's wildcards are not valid URI hosts: read them as "any address".
        var normalised = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var address = uri.IsLoopback ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : IPAddress.Any;
        return new IPEndPoint(address, uri.Port);
    }
}
