namespace Tidu.Web.Importing;

/// <summary>Copies a request body up to a limit, whatever its Content-Length says.</summary>
public static class BoundedCopy
{
    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/>; false (target incomplete) when it holds more than <paramref name="limit"/> bytes.</summary>
    public static async Task<bool> CopyAsync(Stream source, Stream target, long limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }
            await target.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
        }
        return true;
    }
}
