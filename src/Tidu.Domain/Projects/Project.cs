namespace Tidu.Domain.Projects;

/// <summary>
/// One project or event of an enterprise that a support clause pays for (an R&amp;D centre recognised, a
/// tech-upgrade project, an IP-pledge loan, a listing stage …), read from a projects file (docs/projects-file.md).
/// Amounts are in 万元. An amount or flag absent from the map is "not available", never zero.
/// </summary>
public sealed record Project
{
    public required string CreditCode { get; init; }

    /// <summary>Unique per enterprise: the "same project" of the highest-once stacking rule.</summary>
    public required string Id { get; init; }

    /// <summary>What the project is for; clauses name the purpose they pay for.</summary>
    public required string Purpose { get; init; }
    public string? Title { get; init; }

    /// <summary>The day the project reached the state the clause pays for (recognised, completed, loan drawn, stage reached).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>national / provincial / city, for clauses that pay by the level of a recognition.</summary>
    public string? Level { get; init; }

    /// <summary>domestic / overseas, for listing projects.</summary>
    public string? Market { get; init; }

    /// <summary>The stage reached, for staged payments (the clause lists its stages in order).</summary>
    public string? Stage { get; init; }
    public IReadOnlyDictionary<string, decimal> Amounts { get; init; } = new Dictionary<string, decimal>();
    public IReadOnlyDictionary<string, bool> Flags { get; init; } = new Dictionary<string, bool>();

    /// <summary>Where the project is in its file ("line 3"), for messages.</summary>
    public string Locator { get; init; } = "";
}
