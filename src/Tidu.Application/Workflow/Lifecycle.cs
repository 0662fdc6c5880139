using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using static Tidu.Data.Entities.Workflow.ApplicationState;

namespace Tidu.Application.Workflow;

/// <summary>What someone does to an application: each is one kind of step of the procedure (docs/procedure.md).</summary>
public enum Trigger
{
    Submit,
    Resubmit,
    CountyApprove,
    CountyReturn,
    CountyReject,
    CityRecommend,
    CityReject,
    VerifyValue,
    AssignExpert,
    DeclareConflictOfInterest,
    Score,
    ConcludeExpertReview,
    ProvinceApprove,
    ProvinceReject,
    Publicize,
    RaiseObjection,
    UpholdObjection,
    DismissObjection,
    Recognize,
}

/// <summary>A condition a transition needs besides state and role; the application service checks it on the data.</summary>
public enum Guard
{
    None,

    /// <summary>The round is open on the day (submission and resubmission).</summary>
    RoundOpen,

    /// <summary>The city has a place left in its quota (the place is taken with the step).</summary>
    QuotaLeft,

    /// <summary>The round has no expert review: the province decides on the city's recommendation.</summary>
    NoExpertReview,

    /// <summary>The round's expert review is set (experts per application, pass mark, sheet).</summary>
    ExpertReviewSet,

    /// <summary>Every expert the round asks for has scored.</summary>
    ScoresComplete,

    /// <summary>The experts' average reaches the round's pass mark.</summary>
    ExpertReviewPassed,

    /// <summary>Publicity has ended and no objection is open.</summary>
    PublicityOverWithoutOpenObjection,
}

/// <summary>
/// One row of the lifecycle: in state <see cref="From"/>, an actor of <see cref="Role"/> may fire <see cref="Trigger"/>,
/// which leads to <see cref="To"/> and is recorded as <see cref="Decision"/> by <see cref="Level"/>. A
/// <see cref="ReasonRequired"/> step must say why; an <see cref="Advances"/> step on an application whose reviewers'
/// evaluation does not qualify needs an explicit override with a reason.
/// </summary>
public sealed record Transition(ApplicationState? From, Trigger Trigger, string Role, ApplicationState To, string Decision, string Level,
    bool ReasonRequired = false, Guard Guard = Guard.None, bool Advances = false);

/// <summary>
/// The recognition lifecycle of an application as one declarative table (docs/procedure.md; docs/adr/0004): every
/// state, trigger, role, guard and effect of the procedure. <c>Application.State</c> changes only through
/// <see cref="ApplicationService"/> firing a row of this table; what is not in the table is refused.
/// </summary>
public static class Lifecycle
{
    /// <summary>The decision names as stored (<see cref="ApplicationDecision.Decision"/>): stable identifiers of the trail.</summary>
    public static class Decisions
    {
        public const string Submit = "submit";
        public const string Resubmit = "resubmit";
        public const string Approve = "approve";
        public const string Return = "return";
        public const string Reject = "reject";
        public const string Recommend = "recommend";
        public const string Verify = "verify";
        public const string AssignExpert = "assign-expert";
        public const string DeclareConflict = "declare-conflict";
        public const string DeclareNoConflict = "declare-no-conflict";
        public const string Score = "score";
        public const string ConcludeExpertReview = "expert-review";
        public const string Publicize = "publicize";
        public const string Objection = "object";
        public const string UpholdObjection = "uphold-objection";
        public const string DismissObjection = "dismiss-objection";
        public const string Recognize = "recognize";
    }

    /// <summary>The levels a step is recorded at (<see cref="ApplicationDecision.Level"/>).</summary>
    public static class Levels
    {
        public const string Enterprise = "enterprise";
        public const string County = "county";
        public const string City = "city";
        public const string Province = "province";
        public const string Expert = "expert";
    }

    private static readonly string[] Officers = [Roles.CountyOfficer, Roles.CityOfficer, Roles.ProvinceOfficer];

    /// <summary>States in which declared values may still be verified (before the province's decision).</summary>
    private static readonly ApplicationState[] Reviewing = [Submitted, CountyApproved, CityRecommended, ExpertReview, ExpertReviewed];

    public static IReadOnlyList<Transition> Table { get; } =
    [
        new(null, Trigger.Submit, Roles.Enterprise, Submitted, Decisions.Submit, Levels.Enterprise, Guard: Guard.RoundOpen),
        new(Returned, Trigger.Resubmit, Roles.Enterprise, Submitted, Decisions.Resubmit, Levels.Enterprise, Guard: Guard.RoundOpen),

        new(Submitted, Trigger.CountyApprove, Roles.CountyOfficer, CountyApproved, Decisions.Approve, Levels.County, Advances: true),
        new(Submitted, Trigger.CountyReturn, Roles.CountyOfficer, Returned, Decisions.Return, Levels.County, ReasonRequired: true),
        new(Submitted, Trigger.CountyReject, Roles.CountyOfficer, Rejected, Decisions.Reject, Levels.County, ReasonRequired: true),

        new(CountyApproved, Trigger.CityRecommend, Roles.CityOfficer, CityRecommended, Decisions.Recommend, Levels.City, Guard: Guard.QuotaLeft, Advances: true),
        new(CountyApproved, Trigger.CityReject, Roles.CityOfficer, Rejected, Decisions.Reject, Levels.City, ReasonRequired: true),

        .. Officers.SelectMany(role => Reviewing.Select(state =>
            new Transition(state, Trigger.VerifyValue, role, state, Decisions.Verify, LevelOf(role)!, ReasonRequired: true))),

        // Expert review (专家评审) is a state of its own: entered with the first expert assigned, left when the province concludes.
        new(CityRecommended, Trigger.AssignExpert, Roles.ProvinceOfficer, ExpertReview, Decisions.AssignExpert, Levels.Province, Guard: Guard.ExpertReviewSet),
        new(ExpertReview, Trigger.AssignExpert, Roles.ProvinceOfficer, ExpertReview, Decisions.AssignExpert, Levels.Province, Guard: Guard.ExpertReviewSet),
        new(ExpertReview, Trigger.DeclareConflictOfInterest, Roles.Expert, ExpertReview, Decisions.DeclareNoConflict, Levels.Expert),
        new(ExpertReview, Trigger.Score, Roles.Expert, ExpertReview, Decisions.Score, Levels.Expert),
        new(ExpertReview, Trigger.ConcludeExpertReview, Roles.ProvinceOfficer, ExpertReviewed, Decisions.ConcludeExpertReview, Levels.Province, Guard: Guard.ScoresComplete),

        new(CityRecommended, Trigger.ProvinceApprove, Roles.ProvinceOfficer, ProvinceApproved, Decisions.Approve, Levels.Province, Guard: Guard.NoExpertReview, Advances: true),
        new(ExpertReviewed, Trigger.ProvinceApprove, Roles.ProvinceOfficer, ProvinceApproved, Decisions.Approve, Levels.Province, Guard: Guard.ExpertReviewPassed, Advances: true),
        new(CityRecommended, Trigger.ProvinceReject, Roles.ProvinceOfficer, Rejected, Decisions.Reject, Levels.Province, ReasonRequired: true),
        new(ExpertReview, Trigger.ProvinceReject, Roles.ProvinceOfficer, Rejected, Decisions.Reject, Levels.Province, ReasonRequired: true),
        new(ExpertReviewed, Trigger.ProvinceReject, Roles.ProvinceOfficer, Rejected, Decisions.Reject, Levels.Province, ReasonRequired: true),

        new(ProvinceApproved, Trigger.Publicize, Roles.ProvinceOfficer, Publicity, Decisions.Publicize, Levels.Province),
        .. Officers.Select(role => new Transition(Publicity, Trigger.RaiseObjection, role, Publicity, Decisions.Objection, LevelOf(role)!, ReasonRequired: true)),
        new(Publicity, Trigger.UpholdObjection, Roles.ProvinceOfficer, Rejected, Decisions.UpholdObjection, Levels.Province, ReasonRequired: true),
        new(Publicity, Trigger.DismissObjection, Roles.ProvinceOfficer, Publicity, Decisions.DismissObjection, Levels.Province, ReasonRequired: true),
        new(Publicity, Trigger.Recognize, Roles.ProvinceOfficer, Recognized, Decisions.Recognize, Levels.Province, Guard: Guard.PublicityOverWithoutOpenObjection),
    ];

    /// <summary>The row for (state, trigger, role), or null when the table does not allow it. A new application has no state (null).</summary>
    public static Transition? Find(ApplicationState? state, Trigger trigger, string? role) =>
        Table.SingleOrDefault(t => t.From == state && t.Trigger == trigger && t.Role == role);

    /// <summary>Whether <paramref name="role"/> may fire <paramref name="trigger"/> in any state (the others are refused as forbidden).</summary>
    public static bool RoleMayFire(Trigger trigger, string? role) => Table.Any(t => t.Trigger == trigger && t.Role == role);

    /// <summary>The triggers <paramref name="role"/> may fire on an application in <paramref name="state"/> (the forms a page offers).</summary>
    public static IReadOnlyList<Transition> Open(ApplicationState state, string? role) => [.. Table.Where(t => t.From == state && t.Role == role)];

    /// <summary>The states an application waits in for <paramref name="role"/>: those the role's review steps start from.</summary>
    public static IReadOnlyList<ApplicationState> WaitingFor(string? role) =>
        [.. Table.Where(t => t.Role == role && t.From is { } s && t.Trigger is not (Trigger.VerifyValue or Trigger.RaiseObjection)).Select(t => t.From!.Value).Distinct()];

    /// <summary>The level an officer's role acts at (county, city, province), or null.</summary>
    public static string? LevelOf(string? role) => role switch
    {
        Roles.CountyOfficer => Levels.County,
        Roles.CityOfficer => Levels.City,
        Roles.ProvinceOfficer => Levels.Province,
        _ => null,
    };

    /// <summary>The trigger an officer's decision name (approve, return, reject, recommend) means at their level.</summary>
    public static Trigger? DecisionTrigger(string? role, string? decision) => (LevelOf(role), decision?.Trim().ToLowerInvariant()) switch
    {
        (Levels.County, Decisions.Approve) => Trigger.CountyApprove,
        (Levels.County, Decisions.Return) => Trigger.CountyReturn,
        (Levels.County, Decisions.Reject) => Trigger.CountyReject,
        (Levels.City, Decisions.Recommend) => Trigger.CityRecommend,
        (Levels.City, Decisions.Reject) => Trigger.CityReject,
        (Levels.Province, Decisions.Approve) => Trigger.ProvinceApprove,
        (Levels.Province, Decisions.Reject) => Trigger.ProvinceReject,
        _ => null,
    };

    /// <summary>The decision names an officer of <paramref name="role"/> may send, for the message when another is asked for.</summary>
    public static IReadOnlyList<string> DecisionsOf(string? role) =>
        [.. new[] { Decisions.Approve, Decisions.Return, Decisions.Reject, Decisions.Recommend }.Where(d => DecisionTrigger(role, d) is not null)];
}
