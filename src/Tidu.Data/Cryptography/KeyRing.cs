using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Tidu.Data.Cryptography;

/// <summary>
/// The platform's secret keys, kept outside the database: key files in a directory (<c>Crypto:KeyDirectory</c>, one file
/// <c>PURPOSE.ID.key</c> per key holding 32 random bytes in base64) and/or configuration values
/// (<c>Crypto:Keys:PURPOSE:ID</c>, e.g. the environment variable <c>Crypto__Keys__fields__2026a</c>). Each purpose
/// (<see cref="Fields"/>: sensitive fields at rest; <see cref="Audit"/>: the audit chain's MAC) has one active key — the
/// one named by <c>Crypto:Active:PURPOSE</c>, else the greatest id — and keeps its older keys for reading what they
/// protected until it is re-encrypted (rotation: docs/compliance.md).
/// </summary>
public sealed partial class KeyRing
{
    public const string Fields = "fields";
    public const string Audit = "audit";
    public const int MaterialBytes = 32;

    private readonly Dictionary<string, SortedDictionary<string, byte[]>> _keys;
    private readonly Dictionary<string, string> _active;

    private KeyRing(CryptoSuite suite, Dictionary<string, SortedDictionary<string, byte[]>> keys, Dictionary<string, string> active)
    {
        Suite = suite;
        _keys = keys;
        _active = active;
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>The algorithms new values are protected with (old values name their own algorithm).</summary>
    public CryptoSuite Suite { get; }

    /// <summary>Identifies this set of keys and suite without revealing them (a hash), e.g. to key caches by it.</summary>
    public string Fingerprint { get; }

    /// <summary>Key ids per purpose, for status pages and the CLI; never the material.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Ids =>
        _keys.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)[.. k.Value.Keys], StringComparer.Ordinal);

    public bool Has(string purpose) => _keys.TryGetValue(purpose, out var keys) && keys.Count > 0;

    /// <summary>The key new values of <paramref name="purpose"/> are protected with.</summary>
    public (string Id, byte[] Material) Active(string purpose)
    {
        if (!_keys.TryGetValue(purpose, out var keys) || keys.Count == 0)
        {
            throw new InvalidOperationException(
                $"no '{purpose}' key is configured: put a key file {purpose}.ID.key in Crypto:KeyDirectory or set Crypto:Keys:{purpose}:ID (tidu keys new writes one)");
        }
        var id = _active.TryGetValue(purpose, out var chosen) ? chosen : keys.Keys.Last();
        return (id, keys[id]);
    }

    /// <summary>The key <paramref name="id"/> of <paramref name="purpose"/>, or null when this ring does not hold it.</summary>
    public byte[]? Find(string purpose, string id) =>
        _keys.TryGetValue(purpose, out var keys) && keys.TryGetValue(id, out var material) ? material : null;

    /// <summary>
    /// Reads <c>Crypto:Suite</c>, <c>Crypto:KeyDirectory</c> (relative to <paramref name="baseDirectory"/>),
    /// <c>Crypto:Keys</c> and <c>Crypto:Active</c>. When <c>Crypto:GenerateMissingKeys</c> is true (development, demo),
    /// a missing fields or audit key is created in the key directory; in Production it is false and a missing key is an error at start.
    /// </summary>
    public static KeyRing FromConfiguration(IConfiguration configuration, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Crypto");
        var suite = CryptoSuites.Parse(section["Suite"]);
        var keys = new Dictionary<string, SortedDictionary<string, byte[]>>(StringComparer.Ordinal);
        var directory = section["KeyDirectory"] is { Length: > 0 } d ? Path.GetFullPath(d, baseDirectory) : null;
        if (directory is not null && section.GetValue<bool>("GenerateMissingKeys"))
        {
            foreach (var purpose in new[] { Fields, Audit })
            {
                if (!Directory.Exists(directory) || Directory.GetFiles(directory, purpose + ".*.key").Length == 0)
                {
                    WriteKeyFile(directory, purpose, "dev1");
                }
            }
        }
        if (directory is not null && Directory.Exists(directory))
        {
            foreach (var file in Directory.GetFiles(directory, "*.key"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                if (dot <= 0)
                {
                    throw new InvalidOperationException($"key file {file}: the name must be PURPOSE.ID.key");
                }
                Add(keys, name[..dot], name[(dot + 1)..], File.ReadAllText(file), file);
            }
        }
        foreach (var purpose in section.GetSection("Keys").GetChildren())
        {
            foreach (var key in purpose.GetChildren())
            {
                Add(keys, purpose.Key, key.Key, key.Value ?? "", $"Crypto:Keys:{purpose.Key}:{key.Key}");
            }
        }
        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in section.GetSection("Active").GetChildren())
        {
            if (a.Value is not { Length: > 0 } id || !keys.TryGetValue(a.Key, out var of) || !of.ContainsKey(id))
            {
                throw new InvalidOperationException($"Crypto:Active:{a.Key} names key '{a.Value}', which is not configured");
            }
            active[a.Key] = id;
        }
        return new KeyRing(suite, keys, active);
    }

    /// <summary>A ring built in code (tests, tools).</summary>
    public static KeyRing Of(CryptoSuite suite, params (string Purpose, string Id, byte[] Material)[] keys)
    {
        var all = new Dictionary<string, SortedDictionary<string, byte[]>>(StringComparer.Ordinal);
        foreach (var (purpose, id, material) in keys)
        {
            Add(all, purpose, id, Convert.ToBase64String(material), "code");
        }
        return new KeyRing(suite, all, []);
    }

    /// <summary>Writes a new random key file readable by its owner only; returns its path.</summary>
    public static string WriteKeyFile(string directory, string purpose, string id)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Check(purpose, id, "new key");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{purpose}.{id}.key");
        if (File.Exists(path))
        {
            throw new InvalidOperationException($"{path} exists already: a key is never overwritten (choose another id)");
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, Encoding.ASCII))
        {
            writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MaterialBytes)));
        }
        return path;
    }

    private static void Add(Dictionary<string, SortedDictionary<string, byte[]>> keys, string purpose, string id, string base64, string source)
    {
        Check(purpose, id, source);
        byte[] material;
        try
        {
            material = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source}: the key is not base64");
        }
        if (material.Length != MaterialBytes)
        {
            throw new InvalidOperationException($"{source}: a key must be {MaterialBytes} random bytes, found {material.Length}");
        }
        if (!keys.TryGetValue(purpose, out var of))
        {
            keys[purpose] = of = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        }
        if (of.TryGetValue(id, out var existing) && !existing.AsSpan().SequenceEqual(material))
        {
            throw new InvalidOperationException($"{source}: key '{purpose}.{id}' is configured twice with different values");
        }
        of[id] = material;
    }

    private static void Check(string purpose, string id, string source)
    {
        if (!Name().IsMatch(purpose) || !Name().IsMatch(id))
        {
            throw new InvalidOperationException($"{source}: purpose and key id must be 1-32 letters, digits or '-' (got '{purpose}', '{id}')");
        }
    }

    private string ComputeFingerprint()
    {
        var b = new StringBuilder(CryptoSuites.Name(Suite));
        foreach (var (purpose, keys) in _keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            foreach (var (id, material) in keys)
            {
                b.Append('|').Append(purpose).Append('.').Append(id).Append('=').Append(Convert.ToBase64String(material));
            }
            b.Append("|active=").Append(_active.GetValueOrDefault(purpose));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(b.ToString())));
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$")]
    private static partial Regex Name();
}
