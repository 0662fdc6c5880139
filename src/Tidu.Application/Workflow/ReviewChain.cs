using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;

namespace Tidu.Application.Workflow;

/// <summary>
/// The review chain of workflow.md ("Recognition procedure", steps 3–5): which level may take which decision on an
/// application in which state, and where it leads. County first review (初审), city recommendation (推荐) within
/// quota, province review (审核). A decision that refuses or returns must give its reason.
/// </summary>
public static class ReviewChain
{
    public sealed record Step(string Level, string Decision, ApplicationState From, ApplicationState To, bool ReasonRequired);

    public static IReadOnlyList<Step> Steps { get; } =
    [
        new("county", "approve", ApplicationState.Submitted, ApplicationState.CountyApproved, false),
        new("county", "return", ApplicationState.Submitted, ApplicationState.Returned, true),
        new("county", "reject", ApplicationState.Submitted, ApplicationState.Rejected, true),
        new("city", "recommend", ApplicationState.CountyApproved, ApplicationState.CityRecommended, false),
        new("city", "reject", ApplicationState.CountyApproved, ApplicationState.Rejected, true),
        // Expert review (专家评审, workflow.md step 5) belongs here, between city recommendation and province approval:
        // a state such as ExpertReview with its own steps (assign, score) and the province approving on the scores.
        // It is built separately (expert assignment, conflicts of interest, scores); until then the province decides directly.
        new("province", "approve", ApplicationState.CityRecommended, ApplicationState.ProvinceApproved, false),
        new("province", "reject", ApplicationState.CityRecommended, ApplicationState.Rejected, true),
    ];

    /// <summary>The review level the user acts at, or null when the user reviews nothing (enterprise, expert, API key).</summary>
    public static string? LevelOf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role switch
        {
            Roles.CountyOfficer => "county",
            Roles.CityOfficer => "city",
            Roles.ProvinceOfficer => "province",
            _ => null,
        };
    }

    public static Step? Find(string level, string decision) =>
        Steps.SingleOrDefault(s => s.Level == level && string.Equals(s.Decision, decision, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The states in which an application waits for <paramref name="level"/>: those its review steps start from, and for
    /// the province also publicity and recognition (<see cref="PublicityService"/>). An officer's queue is these
    /// states within their region.
    /// </summary>
    public static IReadOnlyList<ApplicationState> WaitingAt(string level) =>
        [.. Steps.Where(s => s.Level == level).Select(s => s.From).Distinct(),
            .. level == "province" ? [ApplicationState.ProvinceApproved, ApplicationState.Publicity] : Array.Empty<ApplicationState>()];

    /// <summary>The steps <paramref name="level"/> may take on an application in <paramref name="state"/>.</summary>
    public static IEnumerable<Step> Open(string level, ApplicationState state) => Steps.Where(s => s.Level == level && s.From == state);

    /// <summary>Decisions the level may take at all, for the error message when it asks for another one.</summary>
    public static IEnumerable<string> DecisionsOf(string level) => Steps.Where(s => s.Level == level).Select(s => s.Decision);
}
