namespace Tidu.Cluster.Hosting;

/// <summary>How a node takes part in a cluster (configuration section <c>Cluster</c>).</summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    /// <summary>None (default): one process, no silo. Localhost: one silo on this machine. Postgres: a cluster node.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.None;

    /// <summary>Nodes with the same id form one cluster (one deployment).</summary>
    public string ClusterId { get; set; } = "tidu";

    /// <summary>Keys the reminders and grain state: stays the same across redeployments of the same platform.</summary>
    public string ServiceId { get; set; } = "tidu";

    /// <summary>Port for silo-to-silo traffic (open between the nodes only).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for clients outside the silos (none today; the web nodes host their silo).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other nodes reach this one at (Postgres mode); unset: the host name's first address.</summary>
    public string? AdvertisedAddress { get; set; }
}

public enum ClusterMode
{
    None,
    Localhost,
    Postgres,
}
