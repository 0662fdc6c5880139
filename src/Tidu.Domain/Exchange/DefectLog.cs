using System.Globalization;

namespace Tidu.Domain.Exchange;

/// <summary>
/// The file where a command-line run keeps the whole exception (type, message, stack trace) of each record that failed
/// with a defect. The terminal line names the record and this file only, because exception text can carry inputs and
/// internals; the maintainers read the file. The platform does not use one: its server log has the details.
/// </summary>
public sealed class DefectLog
{
    private readonly Lock _gate = new();
    private bool _broken;

    /// <summary>A log writing to <paramref name="path"/> (created on the first failure, appended to after).</summary>
    public DefectLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    /// <summary>The file's path, as the user is shown it.</summary>
    public string Path { get; }

    /// <summary>False once a write failed: the user is then not pointed at a file that does not hold the details.</summary>
    public bool Writable
    {
        get
        {
            lock (_gate)
            {
                return !_broken;
            }
        }
    }

    /// <summary>The process's log, set once at start by a program that wants one (the CLI); null elsewhere.</summary>
    public static DefectLog? Current { get; private set; }

    /// <summary>Makes <paramref name="log"/> the process's log.</summary>
    public static void Use(DefectLog log) => Current = log;

    /// <summary>The log of a run started at <paramref name="now"/> by process <paramref name="processId"/>, in <paramref name="folder"/>.</summary>
    public static DefectLog In(string folder, DateTimeOffset now, int processId) =>
        new(System.IO.Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"tidu-defects-{now:yyyyMMdd'T'HHmmss}-{processId}.txt")));

    /// <summary>Appends <paramref name="failure"/>'s line and the whole <paramref name="exception"/>; records from parallel workers are written one at a time.</summary>
    public void Write(RecordFailure failure, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(exception);
        lock (_gate)
        {
            if (_broken)
            {
                return;
            }
            try
            {
                var folder = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }
                File.AppendAllText(Path, $"{failure.LogLine}{Environment.NewLine}{exception}{Environment.NewLine}{Environment.NewLine}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The details are a courtesy to the maintainers: a folder that cannot be written must not stop the run,
                // and one attempt per run is enough.
                _broken = true;
            }
        }
    }
}
