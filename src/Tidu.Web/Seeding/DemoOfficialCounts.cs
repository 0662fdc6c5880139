using Tidu.Data;
using Tidu.Web.Monitoring;

namespace Tidu.Web.Seeding;

/// <summary>
/// Demo data: Zhejiang's published counts per batch and city (data/zhejiang-specialized-recognitions.csv, copied beside
/// the program), imported through <see cref="OfficialCounts"/> exactly as a province officer imports them on
/// /Monitoring/Official. A production database starts without them.
/// </summary>
public static class DemoOfficialCounts
{
    public const string Province = "330000";

    public static string File => Path.Combine(AppContext.BaseDirectory, "demo", "zhejiang-specialized-recognitions.csv");

    public static async Task SeedAsync(IServiceProvider sp)
    {
        ArgumentNullException.ThrowIfNull(sp);
        await using var content = System.IO.File.OpenRead(File);
        var outcome = await sp.GetRequiredService<OfficialCounts>().ImportAsync(content, Path.GetFileName(File), Province, CancellationToken.None).ConfigureAwait(false);
        if (!outcome.Saved)
        {
            throw new InvalidOperationException("demo official counts refused: " + string.Join("; ", outcome.Issues.Select(i => $"row {i.Row}: {i.Message}")));
        }
    }
}
