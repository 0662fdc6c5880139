namespace Tidu.Rules.Screening;

/// <summary>A read-only window of <paramref name="length"/> bytes of a stream, from where it stands.</summary>
internal sealed class RangeStream(Stream inner, long length) : Stream
{
    private long _read;

    private long Left => length - _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (Left <= 0)
        {
            return 0;
        }
        var read = inner.Read(buffer, offset, (int)Math.Min(count, Left));
        _read += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
