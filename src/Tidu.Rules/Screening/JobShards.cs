using Tidu.Domain.Exchange;

namespace Tidu.Rules.Screening;

/// <summary>
/// A part of one input file screened on its own: whole lines from <see cref="Offset"/> for <see cref="Length"/> bytes,
/// the first of them line <see cref="FirstLine"/> of the file. Screening the shards one after the other and putting
/// their outputs together in <see cref="Index"/> order gives what one run over the file gives. <see cref="JsonLines"/>:
/// the file was judged JSON Lines as a whole, so a shard is read line by line even when its first line is broken.
/// </summary>
public sealed record JobShard(int Index, long Offset, long Length, long FirstLine, bool JsonLines);

/// <summary>Cuts a file into shards of about a given size, at line ends, numbering each shard's first line.</summary>
public static class JobShards
{
    private const int BlockBytes = 1 << 20;

    /// <summary>
    /// Reads <paramref name="input"/> once. A JSON Lines file is cut at the first line end after every
    /// <paramref name="targetBytes"/>; any other format (an array, pretty-printed objects) cannot be cut without parsing
    /// it and is one shard. An empty file is one empty shard.
    /// </summary>
    public static IReadOnlyList<JobShard> Plan(Stream input, long targetBytes, int maxRecordBytes = ProfileReader.DefaultMaxRecordBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetBytes, 1);
        var buffer = new byte[Math.Max(BlockBytes, maxRecordBytes + 1)];
        var shards = new List<JobShard>();
        long start = 0, position = 0, lines = 0, firstLine = 1;
        var target = targetBytes;
        var first = true;
        int n;
        while ((n = Fill(input, buffer)) > 0)
        {
            if (first)
            {
                first = false;
                if (!ChunkSource.StartsWithJsonLines(buffer.AsSpan(0, n), n < buffer.Length, maxRecordBytes))
                {
                    while (Fill(input, buffer) is var more and > 0)
                    {
                        n += more;
                    }
                    return [new JobShard(0, 0, input.CanSeek ? input.Length : n, 1, JsonLines: false)];
                }
            }
            var block = buffer.AsSpan(0, n);
            var i = 0;
            while (i < n)
            {
                if (position + i < target)
                {
                    var end = (int)Math.Min(n, target - position);
                    lines += block[i..end].Count((byte)'\n');
                    i = end;
                    continue;
                }
                var lf = block[i..].IndexOf((byte)'\n');
                if (lf < 0)
                {
                    break;
                }
                i += lf + 1;
                lines++;
                var cut = position + i;
                shards.Add(new JobShard(shards.Count, start, cut - start, firstLine, JsonLines: true));
                (start, firstLine, target) = (cut, lines + 1, cut + targetBytes);
            }
            position += n;
        }
        if (start < position || shards.Count == 0)
        {
            shards.Add(new JobShard(shards.Count, start, position - start, firstLine, JsonLines: !first));
        }
        return shards;
    }

    private static int Fill(Stream input, byte[] buffer)
    {
        var n = 0;
        while (n < buffer.Length && input.Read(buffer, n, buffer.Length - n) is var read and > 0)
        {
            n += read;
        }
        return n;
    }
}
