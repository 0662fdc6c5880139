using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Domain.Regions;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Admin;

/// <summary>The system administrator reads the configuration in force (<see cref="ConfigurationSnapshot"/>): the same values whose changes are audited at start.</summary>
public sealed class ConfigurationModel(ConfigurationSnapshot snapshot, RegionTree regions) : PageModel
{
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; private set; } = [];
    public int RegionCount => regions.All.Count;

    public void OnGet() => Settings = [.. snapshot.Values];
}
