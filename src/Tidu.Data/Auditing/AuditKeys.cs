namespace Tidu.Data.Auditing;

/// <summary>
/// Where the audit hash key comes from: never the database. Configuration (<c>Audit:HashKey</c>, base64, e.g. from the
/// environment variable <c>Audit__HashKey</c>) or a file (<c>Audit:HashKeyFile</c>, base64 text or raw bytes), in that order.
/// </summary>
public static class AuditKeys
{
    /// <summary>The key, or null when neither is set (or the file does not exist).</summary>
    public static byte[]? Load(string? keyText, string? keyFile)
    {
        if (!string.IsNullOrWhiteSpace(keyText))
        {
            return Checked(AuditHashing.ParseKey(System.Text.Encoding.ASCII.GetBytes(keyText)), "Audit:HashKey");
        }
        if (!string.IsNullOrWhiteSpace(keyFile) && File.Exists(keyFile))
        {
            return Checked(AuditHashing.ParseKey(File.ReadAllBytes(keyFile)), keyFile);
        }
        return null;
    }

    /// <summary>Writes a new random key to <paramref name="keyFile"/> (readable by the owner only, where the file system allows) and returns it.</summary>
    public static byte[] Generate(string keyFile)
    {
        ArgumentNullException.ThrowIfNull(keyFile);
        if (Path.GetDirectoryName(Path.GetFullPath(keyFile)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }
        var text = AuditHashing.NewKeyText();
        File.WriteAllText(keyFile, text + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return AuditHashing.ParseKey(System.Text.Encoding.ASCII.GetBytes(text));
    }

    private static byte[] Checked(byte[] key, string source) =>
        key.Length >= HmacSha256AuditHasher.MinKeyBytes ? key
            : throw new InvalidOperationException($"the audit hash key from {source} is {key.Length} bytes; it must be at least {HmacSha256AuditHasher.MinKeyBytes} (base64 of 32 random bytes)");
}
