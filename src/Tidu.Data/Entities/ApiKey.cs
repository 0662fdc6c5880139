namespace Tidu.Data.Entities;

/// <summary>
/// A key for a bank or service body. Only the SHA-256 of the secret is stored; the secret is shown once at
/// creation. Scope: a region (and everything below), a list of permissions and, for list keys, tiers.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>First characters of the key, to find it without scanning hashes.</summary>
    public required string Prefix { get; set; }

    public required string SecretHash { get; set; }
    public required string RegionCode { get; set; }

    /// <summary>Space-separated permissions, e.g. "enterprises:read".</summary>
    public required string Scopes { get; set; }

    /// <summary>
    /// For keys that pull lists (scope "lists:read"): the kind of recipient holding it, which decides whose consent
    /// counts (<see cref="Sharing.RecipientKinds"/>). Null for keys that only read files.
    /// </summary>
    public string? RecipientKind { get; set; }

    /// <summary>Space-separated tier ids the key's lists may contain; empty: none.</summary>
    public string Tiers { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
