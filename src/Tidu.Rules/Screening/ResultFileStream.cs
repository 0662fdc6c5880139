using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Tidu.Rules.Screening;

/// <summary>
/// A results file written past the operating system's page cache where it allows it (Linux, <c>O_DIRECT</c>): a
/// screening run writes about as many bytes as it reads (2.2 GB for a million profiles) and never reads them back, and
/// copying them into the cache first cost the kernel more CPU than the whole evaluation on a virtual machine that gives
/// freed memory back to its host (docs/adr/0017-results-past-the-page-cache.md). Bytes are gathered into one aligned
/// block and written a block at a time; the last, partial block is written through the cache. Where direct writes are
/// not supported (another system, a file system that refuses them) it is an ordinary buffered file: the same bytes.
/// </summary>
public sealed class ResultFileStream : Stream
{
    /// <summary>Direct writes must start, end and sit in memory at multiples of the device's block: 4 KiB covers them all.</summary>
    private const int Alignment = 4096;

    private const int DefaultBlockBytes = 4 << 20;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _array = [];
    private readonly int _start;
    private readonly int _blockBytes;
    private int _filled;
    private long _offset;
    private bool _direct;
    private bool _wroteDirect;
    private readonly FileStream? _buffered;

    private ResultFileStream(SafeFileHandle handle, bool direct, int blockBytes)
    {
        _handle = handle;
        _direct = direct;
        _blockBytes = blockBytes;
        if (direct)
        {
            // On the pinned heap: the block never moves, so its address stays aligned for the device.
            _array = GC.AllocateUninitializedArray<byte>(blockBytes + Alignment, pinned: true);
            var address = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0);
            _start = (int)((Alignment - (address % Alignment)) % Alignment);
        }
        else
        {
            _buffered = new FileStream(handle, FileAccess.Write, 1 << 16);
        }
    }

    /// <summary>
    /// Creates (or truncates) <paramref name="path"/> for writing, unshared. <paramref name="direct"/>: try direct writes
    /// (false: buffered, as on systems without them); <paramref name="blockBytes"/>: a multiple of 4 KiB.
    /// </summary>
    public static ResultFileStream Create(string path, bool direct = true, int blockBytes = DefaultBlockBytes)
    {
        if (blockBytes <= 0 || blockBytes % Alignment != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blockBytes), "a multiple of 4096");
        }
        var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
        try
        {
            return new ResultFileStream(handle, direct && DirectWrites.TryEnable(handle), blockBytes);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whether the bytes go past the page cache (for tests and reports).</summary>
    public bool IsDirect => _direct;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _buffered?.Position ?? _offset + _filled;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffered is not null)
        {
            _buffered.Write(buffer);
            return;
        }
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _blockBytes - _filled);
            buffer[..n].CopyTo(_array.AsSpan(_start + _filled, n));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == _blockBytes)
            {
                WriteBlock();
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    private void WriteBlock()
    {
        var block = _array.AsSpan(_start, _filled);
        try
        {
            RandomAccess.Write(_handle, block, _offset);
        }
        catch (IOException) when (!_wroteDirect)
        {
            // The file system accepted the flag but refuses the writes (EINVAL): nothing was written, so go buffered.
            SwitchToBuffered();
            RandomAccess.Write(_handle, block, _offset);
        }
        _wroteDirect = _direct;
        _offset += _filled;
        _filled = 0;
    }

    private void SwitchToBuffered()
    {
        DirectWrites.Disable(_handle);
        _direct = false;
    }

    /// <summary>Whole blocks are on their way to the device already; the partial block is written when the file is closed.</summary>
    public override void Flush() => _buffered?.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                if (_buffered is not null)
                {
                    _buffered.Dispose();
                }
                else if (_filled > 0)
                {
                    // A tail shorter than a block is not aligned: written through the cache, after the aligned blocks.
                    SwitchToBuffered();
                    RandomAccess.Write(_handle, _array.AsSpan(_start, _filled), _offset);
                    _offset += _filled;
                    _filled = 0;
                }
            }
            finally
            {
                _handle.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary><c>fcntl(F_SETFL, O_DIRECT)</c> on Linux (x64 and arm64, where the flag's value is known).</summary>
    private static class DirectWrites
    {
        private const int GetFlags = 3;
        private const int SetFlags = 4;

        private static readonly int Flag = !OperatingSystem.IsLinux() ? 0 : RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 0x4000,
            Architecture.Arm64 => 0x10000,
            _ => 0,
        };

        public static bool TryEnable(SafeFileHandle handle)
        {
            if (Flag == 0)
            {
                return false;
            }
            var flags = Fcntl(handle, GetFlags, 0);
            return flags >= 0 && Fcntl(handle, SetFlags, flags | Flag) == 0;
        }

        public static void Disable(SafeFileHandle handle)
        {
            var flags = Fcntl(handle, GetFlags, 0);
            if (flags < 0 || Fcntl(handle, SetFlags, flags & ~Flag) != 0)
            {
                throw new IOException("cannot switch the results file to buffered writes");
            }
        }

        [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Fcntl(SafeFileHandle fd, int command, int argument);
    }
}
