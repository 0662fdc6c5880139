using System.Runtime.CompilerServices;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// Every test host would watch its appsettings files for changes, one inotify instance each; with a host per fake
/// clock and two providers the user's inotify limit (128 by default on Linux) is reached and hosts fail to start.
/// The tests never change configuration files, so hosts are built without reload-on-change. The pages' versioned
/// stylesheet links watch wwwroot too (one instance per host, shared with every other process of the user): the file
/// providers poll instead.
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
