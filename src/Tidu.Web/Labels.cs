using Tidu.Domain.Display;

namespace Tidu.Web;

/// <summary>
/// The pages' shorthand for the display vocabulary (<see cref="DisplayNames"/>, which holds every name): typed overloads
/// for the platform's own enums, nothing else.
/// </summary>
public static class Labels
{
    public static string SizeClass(string? id) => DisplayNames.SizeClass(id);

    public static string Tier(string? id) => DisplayNames.Tier(id);

    /// <summary>Where an application stands, as the people waiting on it say it.</summary>
    public static string State(Tidu.Data.Entities.Workflow.ApplicationState state) => DisplayNames.ApplicationState(state.ToString());

    /// <summary>A step of the review chain (ApplicationDecision.Decision).</summary>
    public static string Decision(string decision) => DisplayNames.Decision(decision);

    /// <summary>The level that took a step (ApplicationDecision.Level).</summary>
    public static string Level(string level) => DisplayNames.Level(level);
}
