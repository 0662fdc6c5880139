using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tidu.Data.Identity;

namespace Tidu.Data.Cryptography;

/// <summary>
/// The one list of columns stored encrypted (<see cref="FieldCipher"/>): personal information and secrets the
/// platform keeps. An EF Core value converter encrypts on write and decrypts on read, so the rest of the platform sees
/// plaintext and the database, its backups and its logs only ciphertext. An encrypted column cannot be searched or
/// sorted in SQL (each write uses a fresh nonce); none of these is.
/// </summary>
public static class SensitiveFields
{
    /// <param name="Entity">The entity type.</param>
    /// <param name="Property">The property (column) name.</param>
    /// <param name="Label">The associated data bound into each value: the column's identity.</param>
    public sealed record Field(Type Entity, string Property, string Label);

    // Encrypted values are longer than their plaintext (prefix, key id, nonce, tag, base64): an e-mail column of 256
    // characters holds an address of 256 characters only with room for the envelope.
    private const int EncryptedMaxLength = 1024;

    public static IReadOnlyList<Field> All { get; } =
    [
        new(typeof(TiduUser), nameof(TiduUser.Email), "TiduUser.Email"),
        new(typeof(TiduUser), nameof(TiduUser.NormalizedEmail), "TiduUser.NormalizedEmail"),
        new(typeof(TiduUser), nameof(TiduUser.PhoneNumber), "TiduUser.PhoneNumber"),
        // The authenticator (TOTP) secret and the recovery codes are Identity user tokens.
        new(typeof(IdentityUserToken<string>), nameof(IdentityUserToken<string>.Value), "IdentityUserToken.Value"),
        new(typeof(Entities.Dynamic.NotificationEmail), nameof(Entities.Dynamic.NotificationEmail.Address), "NotificationEmail.Address"),
    ];

    internal static void Apply(ModelBuilder builder, FieldCipher cipher)
    {
        foreach (var field in All)
        {
            var label = field.Label;
            var property = builder.Entity(field.Entity).Property(field.Property);
            property.HasConversion(new ValueConverter<string, string>(v => cipher.Protect(v, label), v => cipher.Unprotect(v, label)));
            if (property.Metadata.GetMaxLength() is not null)
            {
                property.HasMaxLength(EncryptedMaxLength);
            }
        }
    }
}

/// <summary>
/// EF Core builds a context type's model once per process; the encrypting converters belong to one key ring, so the
/// model is cached per ring (two hosts in one process with different keys each get their own).
/// </summary>
internal sealed class KeyRingModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is TiduDbContext tidu ? (context.GetType(), tidu.Cipher.Ring.Fingerprint, designTime) : (context.GetType(), designTime);
}
