using System.ComponentModel.DataAnnotations;

namespace Tidu.Web.Auditing;

/// <summary>
/// The audit chain's key and anchors (appsettings "Audit"). The key never lives in the database: set
/// <see cref="HashKey"/> (base64; environment variable <c>Audit__HashKey</c>) or <see cref="HashKeyFile"/>. Outside
/// production a missing key file is generated once (<see cref="GenerateKey"/>); production refuses to start without a key.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The HMAC key as base64 (32 random bytes or more).</summary>
    public string? HashKey { get; set; }

    /// <summary>A file holding the key (base64 text or raw bytes), relative to the content root.</summary>
    public string HashKeyFile { get; set; } = "App_Data/audit-hmac.key";

    /// <summary>The key's id, stored with every entry it seals (a rotation gives the new key a new id).</summary>
    [RegularExpression("^[a-z0-9-]{1,16}$")]
    public string KeyId { get; set; } = "k1";

    /// <summary>Create <see cref="HashKeyFile"/> with a random key when no key is configured (off in production).</summary>
    public bool GenerateKey { get; set; } = true;

    /// <summary>Where the chain head is anchored (appended), relative to the content root; keep it off the database server.</summary>
    public string AnchorFile { get; set; } = "App_Data/audit-anchors.log";

    /// <summary>How often the head is anchored (when it moved).</summary>
    [Range(1, 24 * 60)]
    public int AnchorMinutes { get; set; } = 60;
}
