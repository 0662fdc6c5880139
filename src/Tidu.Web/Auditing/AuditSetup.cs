using Tidu.Data.Auditing;
using Tidu.Data.Cryptography;

namespace Tidu.Web.Auditing;

/// <summary>Builds the audit chain's hashing from configuration at start.</summary>
public static class AuditSetup
{
    /// <summary>The configured hashing, and the key file generated for it (null when the key was configured).</summary>
    public static (AuditHashing Hashing, string? Generated) Load(AuditOptions options, CryptoSuite suite, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keyFile = Path.GetFullPath(Path.Combine(contentRoot, options.HashKeyFile));
        var key = AuditKeys.Load(options.HashKey, keyFile);
        string? generated = null;
        if (key is null)
        {
            if (!options.GenerateKey)
            {
                throw new InvalidOperationException(
                    "no audit hash key: set Audit:HashKey (base64 of 32 random bytes, e.g. environment variable Audit__HashKey) or put one in Audit:HashKeyFile; it must not be stored in the database");
            }
            key = AuditKeys.Generate(keyFile);
            generated = keyFile;
        }
        return (AuditHashing.Keyed(HmacAuditHasher.Choose(options.Algorithm, suite), key, options.KeyId), generated);
    }

    public static string AnchorPath(AuditOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(Path.Combine(contentRoot, options.AnchorFile));
    }

    /// <summary>The anchors written by this node (other nodes' anchor files are checked with <c>tidu audit verify --anchors</c>).</summary>
    public static (IReadOnlyList<AuditAnchor> Anchors, IReadOnlyList<string> Problems) NodeAnchors(AuditOptions options, string contentRoot)
    {
        var path = AnchorPath(options, contentRoot);
        return File.Exists(path) ? AuditAnchors.Read(path) : ([], []);
    }
}

/// <summary>Whether the audit key was generated at this start (and where), to say so in the log.</summary>
public sealed record AuditKeyStatus(string? GeneratedAt);

/// <summary>This node's anchor file (Audit:AnchorFile under the content root), for the audit chain's check.</summary>
public sealed class NodeAnchorFile(Microsoft.Extensions.Options.IOptions<AuditOptions> options, IHostEnvironment host) : Tidu.Application.Auditing.IAuditAnchorSource
{
    public (IReadOnlyList<AuditAnchor> Anchors, IReadOnlyList<string> Problems) Read() => AuditSetup.NodeAnchors(options.Value, host.ContentRootPath);
}
