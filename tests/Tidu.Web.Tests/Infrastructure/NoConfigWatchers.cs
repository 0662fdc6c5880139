using System.Runtime.CompilerServices;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// Every test host would watch its appsettings files for changes, one inotify instance each; with a host per fake
/// clock and two providers the user's inotify limit (128 by default on Linux) is reached and hosts fail to start.
/// The tests never change configuration files, so hosts are built without reload-on-change.
/// </summary>
internal static class NoConfigWatchers
{
    [ModuleInitializer]
    internal static void Disable() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
