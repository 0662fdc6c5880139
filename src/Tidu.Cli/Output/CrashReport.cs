using System.Globalization;

namespace Tidu.Cli.Output;

/// <summary>
/// What the user sees when a command fails with a defect rather than bad input. The exception's text and stack trace
/// can carry paths, inputs and internals, so they go into a report file for the maintainers and the terminal only
/// says, in Chinese, that it is Tidu's defect and where the report is.
/// </summary>
internal static class CrashReport
{
    /// <summary>Writes the report for <paramref name="ex"/> into <paramref name="folder"/> and tells the user on <paramref name="stderr"/>.</summary>
    public static void Write(Exception ex, TextWriter stderr, string folder, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var name = string.Create(CultureInfo.InvariantCulture, $"tidu-crash-{now:yyyyMMdd'T'HHmmss}-{Environment.ProcessId}.txt");
        var path = Path.Combine(folder, name);
        stderr.WriteLine("error: 内部错误（internal error）：这是 Tidu 的缺陷，不是输入的问题；本次命令未完成。");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture,
                $"Tidu {typeof(CrashReport).Assembly.GetName().Version} {now:O}{Environment.NewLine}{Environment.CommandLine}{Environment.NewLine}{ex}{Environment.NewLine}"));
            stderr.WriteLine($"错误报告已写入 {path}，请将该文件发送给维护者（其中可能含有输入内容，请先检查）。");
        }
#pragma warning disable CA1031 // the report is a courtesy: failing to write it must not hide the first failure
        catch (Exception)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"无法写入错误报告（{folder}），请记下所运行的命令并报告给维护者。");
        }
    }
}
