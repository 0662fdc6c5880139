using Shouldly;
using Tidu.Domain.Exchange;
using Xunit;

namespace Tidu.Domain.Tests.Exchange;

/// <summary>
/// A run's defect log keeps, for the maintainers, what the user's line leaves out: the exception's type, message and
/// stack trace for each failed record. The process-wide log is never set here, so other tests' lines are unaffected.
/// </summary>
public sealed class DefectLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-defects-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (RecordFailure Failure, Exception Exception) Failed(int n)
    {
        try
        {
            throw new InvalidOperationException($"secret input {n}");
        }
        catch (InvalidOperationException ex)
        {
            return (RecordFailure.Of(n, $"line {n}", "91330106MA27XXXX0A", ex), ex);
        }
    }

    [Fact]
    public void The_users_line_names_the_record_and_never_the_exception()
    {
        var (failure, _) = Failed(3);
        var line = failure.ToString();
        line.ShouldStartWith("failed record line 3 (91330106MA27XXXX0A): internal error — ");
        line.ShouldContain(RecordFailure.MessageZh);
        line.ShouldNotContain("secret input");
        line.ShouldNotContain(nameof(InvalidOperationException));
        failure.LogLine.ShouldBe("failed record line 3 (91330106MA27XXXX0A): internal error (InvalidOperationException): secret input 3");
    }

    [Fact]
    public void Each_failure_is_written_whole_with_its_stack_trace()
    {
        var log = new DefectLog(Path.Combine(_dir, "sub", "defects.txt"));
        Parallel.For(1, 41, n =>
        {
            var (failure, ex) = Failed(n);
            log.Write(failure, ex);
        });
        log.Writable.ShouldBeTrue();
        var text = File.ReadAllText(log.Path);
        for (var n = 1; n <= 40; n++)
        {
            text.ShouldContain($"failed record line {n} (91330106MA27XXXX0A): internal error (InvalidOperationException): secret input {n}{Environment.NewLine}");
        }
        text.Split($"{nameof(DefectLogTests)}.{nameof(Failed)}").Length.ShouldBe(41, "each of the 40 entries carries its stack trace");
    }

    [Fact]
    public void A_folder_that_cannot_be_written_stops_neither_the_run_nor_lies_about_the_details()
    {
        var blocker = Path.Combine(_dir, "a-file");
        File.WriteAllText(blocker, "");
        var log = new DefectLog(Path.Combine(blocker, "defects.txt"));
        var (failure, ex) = Failed(1);
        Should.NotThrow(() => log.Write(failure, ex));
        log.Writable.ShouldBeFalse();
    }

    [Fact]
    public void A_runs_log_is_named_by_its_start_and_process()
    {
        DefectLog.In(_dir, new DateTimeOffset(2026, 12, 7, 20, 5, 9, TimeSpan.Zero), 4242).Path
            .ShouldBe(Path.Combine(_dir, "tidu-defects-20261207T200509-4242.txt"));
    }
}
