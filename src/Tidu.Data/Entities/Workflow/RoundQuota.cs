namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// How many enterprises one city may recommend in a round, and how many it has. <see cref="Recommended"/> is a
/// concurrency token: two recommendations racing for the last place cannot both take it.
/// </summary>
public sealed class RoundQuota
{
    public long RoundId { get; set; }
    public required string CityCode { get; set; }
    public int Quota { get; set; }
    public int Recommended { get; set; }
}
