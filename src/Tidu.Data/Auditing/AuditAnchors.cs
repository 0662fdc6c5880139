using System.Globalization;
using System.Text;

namespace Tidu.Data.Auditing;

/// <summary>One anchor: at <paramref name="At"/> the chain head was at <paramref name="Sequence"/> with <paramref name="Hash"/>.</summary>
public sealed record AuditAnchor(DateTimeOffset At, long Sequence, string Hash, string Algorithm, string Mac, int Line);

/// <summary>
/// The chain's anchors, written outside the database: a text file (one line per anchor, appended, never rewritten) and
/// the log. Whoever rewrites the database — even with the hash key, recomputing every later hash and the head, or
/// cutting entries off the end and rewinding the head — cannot rewrite what was anchored before: verification checks
/// that every anchored sequence still carries its anchored hash and that the head has not gone back. Each line carries
/// an HMAC of its fields under the audit key, so a forged anchor file needs the key too.
/// Line: <c>ISO time TAB sequence TAB hash TAB algorithm TAB mac</c>.
/// </summary>
public static class AuditAnchors
{
    public static string Line(IAuditHasher hasher, DateTimeOffset at, long sequence, string hash)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var fields = Fields(at, sequence, hash, hasher.Id);
        return fields + "\t" + hasher.Hash("anchor\n" + fields);
    }

    /// <summary>Appends an anchor line (the file and its folder are created when missing).</summary>
    public static async Task AppendAsync(string path, IAuditHasher hasher, DateTimeOffset at, long sequence, string hash, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }
        await File.AppendAllTextAsync(path, Line(hasher, at, sequence, hash) + "\n", Encoding.UTF8, ct).ConfigureAwait(false);
    }

    /// <summary>The anchors of a file, in order; a line that does not parse is returned as a problem, never skipped.</summary>
    public static (IReadOnlyList<AuditAnchor> Anchors, IReadOnlyList<string> Problems) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var anchors = new List<AuditAnchor>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split('\t');
            if (parts.Length != 5
                || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                problems.Add($"line {number} is not an anchor");
                continue;
            }
            anchors.Add(new AuditAnchor(at, sequence, parts[2], parts[3], parts[4], number));
        }
        return (anchors, problems);
    }

    /// <summary>Whether the anchor's MAC is right under the hasher its algorithm names (null: the hasher is not known here).</summary>
    public static bool? Authentic(AuditAnchor anchor, AuditHashing hashing)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(hashing);
        return hashing.Find(anchor.Algorithm) is { } hasher
            ? hasher.Hash("anchor\n" + Fields(anchor.At, anchor.Sequence, anchor.Hash, anchor.Algorithm)) == anchor.Mac
            : null;
    }

    private static string Fields(DateTimeOffset at, long sequence, string hash, string algorithm) =>
        string.Join('\t', at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), sequence.ToString(CultureInfo.InvariantCulture), hash, algorithm);
}
