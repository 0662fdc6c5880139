using Shouldly;
using Tidu.Cli.Output;
using Xunit;

namespace Tidu.Cli.Tests.Output;

/// <summary>A defect tells the user where the report is; the exception's text and stack trace stay in the report.</summary>
public sealed class CrashReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cli-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("secret-input 91330100MA27XL0Q2N at /home/officer/private.jsonl");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    [Fact]
    public void The_terminal_gets_the_cause_in_words_and_the_report_gets_the_exception()
    {
        var ex = Thrown();
        var stderr = new StringWriter();
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 31, 8, 30, 5, TimeSpan.Zero));

        CrashReport.Write(ex, stderr, _dir, clock);

        var said = stderr.ToString();
        said.ShouldContain("这是 Tidu 的缺陷");
        said.ShouldNotContain("secret-input");
        said.ShouldNotContain(nameof(InvalidOperationException));
        said.ShouldNotContain(" at ");
        var report = Directory.GetFiles(_dir).ShouldHaveSingleItem();
        Path.GetFileName(report).ShouldStartWith("tidu-crash-20260331T083005-");
        said.ShouldContain(report);
        var text = File.ReadAllText(report);
        text.ShouldContain("secret-input 91330100MA27XL0Q2N");
        text.ShouldContain(nameof(Thrown), Case.Sensitive, "the stack trace is for the maintainers");
    }

    [Fact]
    public void A_report_that_cannot_be_written_still_leaves_the_user_a_message_without_the_exception()
    {
        var blocked = Path.Combine(_dir, "a-file");
        File.WriteAllText(blocked, "");
        var stderr = new StringWriter();

        CrashReport.Write(Thrown(), stderr, Path.Combine(blocked, "under-a-file"), FixedClock.TestDay);

        var said = stderr.ToString();
        said.ShouldContain("无法写入错误报告");
        said.ShouldNotContain("secret-input");
    }
}
