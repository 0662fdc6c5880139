using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Tidu.Application.Workflow;

/// <summary>
/// Material files on disk: under the configured directory (outside the web root, so nothing is served by path), each
/// under a random name. An upload is first written to a ".part" file while its size is counted and its SHA-256
/// computed, checked, and only then renamed to its final name; a refused or failed upload leaves nothing behind.
/// </summary>
public sealed class MaterialStore(IOptions<MaterialOptions> options)
{
    public MaterialOptions Options => options.Value;

    /// <summary>The directory (the host makes a relative setting absolute against its content root).</summary>
    public string Root { get; } = Path.GetFullPath(options.Value.StoragePath);

    public sealed record Staged(string StoredName, string PartPath, long Length, string Sha256, MaterialKind.Kind Kind);

    /// <summary>Copies the upload to a staging file and checks it; either a staged file or a refusal (and no file).</summary>
    public async Task<(Staged?, Refusal?)> StageAsync(Stream content, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var max = Options.MaxBytes;
        if (max <= 0)
        {
            return (null, new(RefusalKind.NotConfigured, "material.limit-not-configured", "未配置材料大小上限", "Workflow:Materials:MaxBytes is not configured"));
        }
        var claimed = MaterialKind.ByExtension(fileName);
        if (claimed is null || !Options.AllowedKinds.Contains(claimed.Id, StringComparer.OrdinalIgnoreCase))
        {
            return (null, WrongType(fileName));
        }
        Directory.CreateDirectory(Root);
        var storedName = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var part = Path.Combine(Root, storedName + ".part");
        try
        {
            long length = 0;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    length += n;
                    if (length > max)
                    {
                        Discard(part);
                        return (null, new(RefusalKind.TooLarge, "material.too-large",
                            $"文件过大：单个材料不能超过 {max / 1024.0 / 1024.0:0.#} MB", $"{fileName} is larger than the limit of {max} bytes"));
                    }
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                }
                if (length == 0)
                {
                    Discard(part);
                    return (null, new(RefusalKind.Invalid, "material.empty", "文件为空", $"{fileName} is empty"));
                }
                if (MaterialKind.Detect(file) is not { } actual || actual.Id != claimed.Id)
                {
                    Discard(part);
                    return (null, WrongType(fileName));
                }
            }
            return (new Staged(storedName, part, length, Convert.ToHexStringLower(sha.GetHashAndReset()), claimed), null);
        }
        catch
        {
            Discard(part);
            throw;
        }
    }

    /// <summary>Gives the staged file its final name; after this the database row may be saved.</summary>
    public void Commit(Staged staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        File.Move(staged.PartPath, PathOf(staged.StoredName));
    }

    /// <summary>Removes a file whose database row could not be saved (or a staged one never committed).</summary>
    public void Remove(string storedName)
    {
        Discard(PathOf(storedName));
        Discard(PathOf(storedName) + ".part");
    }

    public Stream OpenRead(string storedName) => new FileStream(PathOf(storedName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    private string PathOf(string storedName)
    {
        // Stored names are 32 hex digits of our own making; anything else never reaches the file system.
        if (storedName.Length != 32 || !storedName.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"not a stored material name: {storedName}", nameof(storedName));
        }
        return Path.Combine(Root, storedName);
    }

    private Refusal WrongType(string fileName) => new(RefusalKind.UnsupportedMedia, "material.unsupported-kind",
        $"文件类型不允许或内容与扩展名不符：仅接受 {string.Join("、", Options.AllowedKinds.Select(k => k.ToUpperInvariant()))} 文件",
        $"{fileName}: only {string.Join(", ", Options.AllowedKinds)} files are accepted, recognised by their content (magic bytes), not only their name");

    private static void Discard(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
