using System.Runtime.CompilerServices;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// Every test host would watch its appsettings files for changes, one inotify instance each; with a host per fake
/// clock and two providers the user's inotify limit (128 by default on Linux) is reached and hosts fail to start.
/// The tests never change configuration files, so hosts are built without reload-on-change. The web root's file
/// provider (which watches the stylesheet for its version hash) polls instead of taking an inotify instance, so that
/// other test processes on the same machine and user cannot exhaust the limit under a running test.
/// </summary>
internal static class NoConfigWatchers
{
    [ModuleInitializer]
    internal static void Disable()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
