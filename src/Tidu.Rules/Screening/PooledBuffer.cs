using System.Buffers;

namespace Tidu.Rules.Screening;

/// <summary>
/// A growable byte buffer rented from the shared pool, written through <see cref="IBufferWriter{T}"/> (so
/// <see cref="System.Text.Json.Utf8JsonWriter"/> writes into it directly) and cut back to a mark when a record fails half-way.
/// </summary>
public sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBuffer(int initialCapacity = 1 << 16) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int WrittenCount => _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Write(byte b)
    {
        Ensure(1);
        _buffer[_written++] = b;
    }

    /// <summary>Drops what was written after <paramref name="mark"/> (a <see cref="WrittenCount"/> taken earlier).</summary>
    public void Truncate(int mark) => _written = Math.Min(_written, mark);

    public void Clear() => _written = 0;

    private void Ensure(int sizeHint)
    {
        var need = _written + Math.Max(sizeHint, 256);
        if (need <= _buffer.Length)
        {
            return;
        }
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(need, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _written = 0;
    }
}
