using System.Runtime.CompilerServices;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// Every test host would watch its appsettings files for changes, and its web root for the versioned links of the
/// pages (asp-append-version), with an inotify instance each; with a host per fake clock and two providers — and on a
/// machine where other processes of the same user hold instances too — the user's inotify limit (128 by default on
/// Linux) is reached and pages answer 500. The tests never change configuration or static files, so hosts are built
/// without reload-on-change and file providers poll instead of holding inotify instances.
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
