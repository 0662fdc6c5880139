namespace Tidu.Data.Entities.Security;

/// <summary>
/// A key that protects sign-in cookies and anti-forgery tokens, in the database so that every node of the platform
/// reads what another issued. <see cref="Xml"/> holds the key sealed with the field keys (never the key in clear).
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    /// <summary>The key's own name ("key-GUID"), as the data-protection system gives it.</summary>
    public required string FriendlyName { get; set; }

    public required string Xml { get; set; }
}
