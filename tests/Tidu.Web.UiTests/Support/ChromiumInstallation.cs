using System.Diagnostics;

namespace Tidu.Web.UiTests.Support;

/// <summary>
/// Debian's chromium plus a Chinese font. Playwright cannot download its own browsers here, so the tests drive the
/// distribution's build; when it (or a font that can draw 汉字) is missing, install it with apt-get — CI runs as root
/// on Debian. Never a silent skip: if it cannot be installed the fixture fails and says why.
/// </summary>
public static class ChromiumInstallation
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // fonts-wqy-microhei is small (≈5 MB); without any CJK font the screenshots show tofu boxes, not Chinese.
    private static readonly string[] Packages = ["chromium", "fonts-wqy-microhei"];

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);

    public static async Task EnsureAsync()
    {
        if (File.Exists(ExecutablePath) && await HasChineseFontAsync().ConfigureAwait(false))
        {
            return;
        }
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException($"The UI tests need Chromium at {ExecutablePath} and a Chinese font; this machine has no apt-get to install them. Install chromium and fonts-wqy-microhei (or another CJK font) by hand.");
        }
        // Another apt run (a colleague, unattended upgrades) may hold the dpkg lock for a while: wait, do not fail at once.
        const string wait = "-o DPkg::Lock::Timeout=300";
        await RunAsync("apt-get", $"{wait} update").ConfigureAwait(false);
        await RunAsync("apt-get", $"{wait} install -y --no-install-recommends {string.Join(' ', Packages)}").ConfigureAwait(false);
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"apt-get install chromium finished but {ExecutablePath} is still missing.");
        }
        if (!await HasChineseFontAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException("apt-get install fonts-wqy-microhei finished but fontconfig still knows no font for Chinese (fc-list :lang=zh is empty).");
        }
    }

    private static async Task<bool> HasChineseFontAsync()
    {
        if (!File.Exists("/usr/bin/fc-list"))
        {
            return false; // fontconfig arrives with chromium
        }
        var (_, output) = await RunAsync("fc-list", ":lang=zh family").ConfigureAwait(false);
        return !string.IsNullOrWhiteSpace(output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{program} {arguments}' did not finish within {InstallTimeout.TotalMinutes} minutes.");
        }
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program} {arguments}' failed with exit code {process.ExitCode} (the UI tests install Chromium this way; they need root on Debian).{Environment.NewLine}{Tail(errors + output)}");
        }
        return (process.ExitCode, output);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}
