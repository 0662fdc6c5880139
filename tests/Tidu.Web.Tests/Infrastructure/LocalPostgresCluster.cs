using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for one test fixture: data directory and socket under /tmp, a random free port,
/// trust authentication on localhost only, stopped and deleted on dispose. initdb and pg_ctl refuse to run as
/// root, so under root (CI) they run as an unprivileged user. When PostgreSQL is missing and we are root on
/// Debian, it is installed with apt-get; anything else that prevents a start is a failure with the reason —
/// never a silent skip, or a green run would prove nothing about PostgreSQL.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private readonly string _bin;
    private readonly string _dir;
    private readonly string? _runAs;

    private LocalPostgresCluster(string bin, string dir, string? runAs, int port)
    {
        _bin = bin;
        _dir = dir;
        _runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string for the cluster's maintenance database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database=postgres;Pooling=false";

    public static async Task<LocalPostgresCluster> StartAsync()
    {
        var bin = FindBinaries() ?? (await InstallAsync().ConfigureAwait(false));
        var runAs = Environment.IsPrivilegedProcess ? await UnprivilegedUserAsync().ConfigureAwait(false) : null;
        var dir = Directory.CreateTempSubdirectory("tidu-pg-").FullName;
        var port = FreePort();
        var cluster = new LocalPostgresCluster(bin, dir, runAs, port);
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", ["-R", runAs, dir]).ConfigureAwait(false);
            }
            var data = Path.Combine(dir, "data");
            await cluster.PgAsync("initdb", ["-D", data, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]).ConfigureAwait(false);
            // Loopback only; fsync off because the cluster dies with the test run anyway.
            var options = $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            await cluster.PgAsync("pg_ctl", ["-D", data, "-l", Path.Combine(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            var log = Path.Combine(dir, "server.log");
            var tail = File.Exists(log) ? await File.ReadAllTextAsync(log).ConfigureAwait(false) : "(no server log)";
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("could not start a local PostgreSQL cluster for the tests; server log:\n" + tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var data = Path.Combine(_dir, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                await PgAsync("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The directory goes anyway; a server still running would only lose its files.
            }
        }
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task PgAsync(string tool, IReadOnlyList<string> args)
    {
        var exe = Path.Combine(_bin, tool);
        return _runAs is null ? RunAsync(exe, args) : RunAsync("runuser", ["-u", _runAs, "--", exe, .. args]);
    }

    /// <summary>The newest /usr/lib/postgresql/N/bin, else the directory of initdb on PATH.</summary>
    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var newest = Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .Select(d => Path.GetDirectoryName(Path.GetFullPath(ResolveLink(Path.Combine(d, "initdb"))))!)
            .FirstOrDefault();
    }

    private static string ResolveLink(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static async Task<string> InstallAsync()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException(
                "PostgreSQL (initdb, pg_ctl) is not installed and cannot be installed here (needs root and apt-get). "
                + "Install it, or set TIDU_TEST_POSTGRES to the connection string of a server the tests may create databases on.");
        }
        await RunAsync("apt-get", ["update"]).ConfigureAwait(false);
        await RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"]).ConfigureAwait(false);
        return FindBinaries() ?? throw new InvalidOperationException("apt-get installed postgresql but initdb/pg_ctl were not found under /usr/lib/postgresql");
    }

    /// <summary>The 'postgres' system user when it exists (the Debian package creates it), else a system user made for the tests.</summary>
    private static async Task<string> UnprivilegedUserAsync()
    {
        foreach (var user in new[] { "postgres", "tidu-test-pg" })
        {
            if (await SucceedsAsync("id", ["-u", user]).ConfigureAwait(false))
            {
                return user;
            }
        }
        await RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "tidu-test-pg"]).ConfigureAwait(false);
        return "tidu-test-pg";
    }

    /// <summary>A loopback port free at the moment of asking (for a server the test starts next).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> SucceedsAsync(string file, IReadOnlyList<string> args)
    {
        try
        {
            await RunAsync(file, args).ConfigureAwait(false);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The unprivileged user cannot enter the test's working directory (often under /root).
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }
    }
}
