namespace Tidu.Application.Service;

/// <summary>
/// Service settings (appsettings "Service" section). No seed states how fast a request (诉求) must be answered,
/// so the deadline is a local setting: <see cref="RequestResponseWorkingDays"/> working days after the day it was
/// raised (default 5, documented in docs/web-platform.md), and again after each escalation.
/// </summary>
public sealed class ServiceOptions
{
    public int RequestResponseWorkingDays { get; set; } = 5;

    /// <summary>How often the background check escalates overdue requests (0: never; reads escalate too).</summary>
    public int EscalationCheckMinutes { get; set; } = 15;
}
