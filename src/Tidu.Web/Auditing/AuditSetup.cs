using Tidu.Data.Auditing;

namespace Tidu.Web.Auditing;

/// <summary>Builds the audit chain's hashing from configuration at start.</summary>
public static class AuditSetup
{
    /// <summary>The configured hashing, and the key file generated for it (null when the key was configured).</summary>
    public static (AuditHashing Hashing, string? Generated) Load(AuditOptions options, string contentRoot)
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
        return (AuditHashing.HmacSha256(key, options.KeyId), generated);
    }

    public static string AnchorPath(AuditOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(Path.Combine(contentRoot, options.AnchorFile));
    }
}

/// <summary>Whether the audit key was generated at this start (and where), to say so in the log.</summary>
public sealed record AuditKeyStatus(string? GeneratedAt);
