using Shouldly;
using Tidu.Rules.Screening;
using Xunit;

namespace Tidu.Rules.Tests.Screening;

/// <summary>
/// The results file holds exactly the bytes written, in order, whether they went past the page cache in aligned blocks
/// or through it: around every block edge, in pieces of any size, and with nothing written at all.
/// </summary>
public sealed class ResultFileStreamTests : IDisposable
{
    private const int Block = 8192;
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-results-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<bool, int> Sizes()
    {
        var data = new TheoryData<bool, int>();
        foreach (var direct in new[] { true, false })
        {
            foreach (var size in new[] { 0, 1, 4095, 4096, 4097, Block - 1, Block, Block + 1, (3 * Block) + 123, 5 * Block })
            {
                data.Add(direct, size);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_file_holds_the_bytes_written_in_order(bool direct, int size)
    {
        var expected = new byte[size];
        new Random(size).NextBytes(expected);
        var path = Path.Combine(_dir, $"r-{direct}-{size}.jsonl");
        var random = new Random(7);
        using (var file = ResultFileStream.Create(path, direct, Block))
        {
            if (!direct)
            {
                file.IsDirect.ShouldBeFalse();
            }
            var at = 0;
            while (at < size)
            {
                // Pieces from one byte to more than a block: some fill a block exactly, some span several.
                var n = Math.Min(size - at, random.Next(1, (2 * Block) + 10));
                file.Write(expected.AsSpan(at, n));
                at += n;
            }
            file.Position.ShouldBe(size);
        }
        File.ReadAllBytes(path).ShouldBe(expected);
    }

    [Fact]
    public void An_existing_file_is_replaced()
    {
        var path = Path.Combine(_dir, "old.jsonl");
        File.WriteAllBytes(path, new byte[3 * Block]);
        using (var file = ResultFileStream.Create(path))
        {
            file.Write("{}\n"u8);
        }
        File.ReadAllBytes(path).ShouldBe("{}\n"u8.ToArray());
    }

    [Fact]
    public void A_block_size_the_device_cannot_take_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ResultFileStream.Create(Path.Combine(_dir, "x.jsonl"), true, 1000));
}
