using System.Diagnostics;
using System.Text;
using Shouldly;
using Tidu.Cli.Commands;

namespace Tidu.Cli.Tests;

/// <summary>Runs <c>tidu evaluate</c> in-process (with a fixed clock) or the built program as a process.</summary>
internal static class CliRunner
{
    public static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        /// <summary>The result lines of JSON Lines output: every line after the header that describes the rule versions.</summary>
        public IReadOnlyList<string> Results => ResultLines(Lines);
    }

    public static Outcome Evaluate(string file, string? asOf, string format = "jsonl", TimeProvider? clock = null, bool noChecks = false)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = EvaluateCommand.Run(new FileInfo(file), asOf, format, null, noChecks, stdout, stderr, clock ?? FixedClock.TestDay);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The results of a results file's lines: every line but the first, which describes the rule versions.</summary>
    public static IReadOnlyList<string> ResultLines(IReadOnlyList<string> lines)
    {
        lines.ShouldNotBeEmpty();
        lines[0].ShouldStartWith("{\"asOf\":", Case.Sensitive, "a results file starts with its rule-set header");
        return [.. lines.Skip(1)];
    }

    /// <summary>The results of a results file on disk.</summary>
    public static IReadOnlyList<string> ResultLines(string path) => ResultLines(File.ReadAllLines(path));

    /// <summary>
    /// One folder per test process for the files the tests write, removed when the process ends, so runs leave nothing
    /// behind in the machine's temporary folder.
    /// </summary>
    public static string TempFolder { get; } = CreateTempFolder();

    private static string CreateTempFolder()
    {
        var folder = Directory.CreateTempSubdirectory("tidu-cli-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a file still open at exit: the folder is left, nothing else depends on it
            }
        };
        return folder;
    }

    /// <summary>A path in <see cref="TempFolder"/> that no other test uses.</summary>
    public static string TempPath(string prefix, string extension) => Path.Combine(TempFolder, prefix + Guid.NewGuid().ToString("N") + extension);

    public static string WriteTemp(string content)
    {
        var path = TempPath("tidu-cli-", ".jsonl");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>The real program, as a user runs it (argument parsing, help, exit codes).</summary>
    public static Outcome Process(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tidu.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = System.Diagnostics.Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit(60_000).ShouldBeTrueOrThrow();
        return new Outcome(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static void ShouldBeTrueOrThrow(this bool ok)
    {
        if (!ok)
        {
            throw new TimeoutException("tidu did not finish within 60 s");
        }
    }
}
