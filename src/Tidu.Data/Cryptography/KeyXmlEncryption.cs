using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Tidu.Data.Cryptography;

/// <summary>
/// Encrypts the platform's data-protection keys (which protect sign-in cookies and anti-forgery tokens) before they are
/// stored in the database, with the field keys and the configured suite (SM4-GCM or AES-256-GCM): whoever can read the
/// database cannot forge a session. The stored element names the field key it was sealed with, so keys written before
/// a rotation of the field keys stay readable while the retired field key is kept.
/// </summary>
public sealed class KeyXmlEncryptor(FieldCipher cipher) : IXmlEncryptor
{
    /// <summary>The associated data of every sealed key: a value copied from another column does not open here.</summary>
    internal const string Label = "DataProtectionKey.Xml";

    internal static readonly XName Element = "tiduEncryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedValue = cipher.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), Label);
        return new EncryptedXmlInfo(new XElement(Element, sealedValue), typeof(KeyXmlDecryptor));
    }
}

/// <summary>Opens a key sealed by <see cref="KeyXmlEncryptor"/>; made by the data-protection system with the services.</summary>
public sealed class KeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        // Only a sealed value: the cipher passes unprefixed text through (columns written before encryption), a key never.
        if (encryptedElement.Name != KeyXmlEncryptor.Element || !encryptedElement.Value.StartsWith(FieldCipher.Prefix, StringComparison.Ordinal))
        {
            throw new System.Security.Cryptography.CryptographicException("not a key sealed by the platform");
        }
        var cipher = services.GetRequiredService<FieldCipher>();
        return XElement.Parse(cipher.Unprotect(encryptedElement.Value, KeyXmlEncryptor.Label));
    }
}
