namespace Tidu.Web.Seeding;

/// <summary>Demo data settings (section "Demo"). On by default for the embedded SQLite start, off in Production.</summary>
public sealed class DemoOptions
{
    public bool Seed { get; set; }
    public int Enterprises { get; set; } = 3000;
    public int GeneratorSeed { get; set; } = 2026;

    /// <summary>
    /// The generator's Zhejiang tier mix with the candidate shares multiplied by this factor, so a demo of a few thousand
    /// enterprises shows every rung (docs/synthetic-data.md); 1 = the calibrated real shares.
    /// </summary>
    public double CandidateOversampling { get; set; } = 10;

    /// <summary>Days the demo round (<see cref="DemoRound"/>) stays open from the day the demo database is created.</summary>
    public int RoundOpenDays { get; set; } = 60;

    /// <summary>Recommendations each city may make in the demo round.</summary>
    public int RoundQuotaPerCity { get; set; } = 3;

    /// <summary>The password of every demo account (documented in the README; demo databases only).</summary>
    public string Password { get; set; } = "Tidu-demo-2026";
}
