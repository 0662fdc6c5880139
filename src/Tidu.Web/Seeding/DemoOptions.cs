namespace Tidu.Web.Seeding;

/// <summary>Demo data settings (section "Demo"). On by default for the embedded SQLite start, off in Production.</summary>
public sealed class DemoOptions
{
    public bool Seed { get; set; }
    public int Enterprises { get; set; } = 3000;
    public int GeneratorSeed { get; set; } = 2026;

    /// <summary>The password of every demo account (documented in the README; demo databases only).</summary>
    public string Password { get; set; } = "Tidu-demo-2026";
}
