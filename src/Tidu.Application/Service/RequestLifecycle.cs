using Tidu.Data.Entities.Service;
using static Tidu.Data.Entities.Service.RequestStatus;

namespace Tidu.Application.Service;

/// <summary>What happens to a request (诉求): each is one kind of entry of its history.</summary>
public enum RequestTrigger
{
    Raise,
    Accept,
    Reply,
    Escalate,
    Close,
}

/// <summary>A condition a request's step needs besides its state and the actor's right.</summary>
public enum RequestGuard
{
    None,

    /// <summary>The deadline has passed and the request is not yet at the province: it moves one level up.</summary>
    OverdueBelowProvince,

    /// <summary>A text of 1 to 4000 characters.</summary>
    ReplyText,

    /// <summary>A satisfaction rating of 1 to 5.</summary>
    Satisfaction,
}

/// <summary>
/// One row of the request lifecycle: in <see cref="From"/> (null: not yet raised), an actor holding <see cref="Right"/>
/// (null: the platform itself, on schedule) fires <see cref="Trigger"/>, which leads to <see cref="To"/> and adds an
/// entry of <see cref="EntryKind"/> to the history.
/// </summary>
public sealed record RequestTransition(RequestStatus? From, RequestTrigger Trigger, AccessRight? Right, RequestStatus To, string EntryKind,
    RequestGuard Guard = RequestGuard.None);

/// <summary>
/// The lifecycle of a request (诉求) as one table (docs/procedure.md, “Requests”): raised by the enterprise at its
/// commissioner's level (or its county) with a deadline; accepted and answered by officers or commissioners (an answer
/// needs no acceptance first, and a later answer adds to an earlier one); escalated one level up by the platform when
/// the deadline passes unanswered, which puts it back to Submitted at the new level; closed by the enterprise with a
/// rating once answered. Who holds each right is the access matrix's; the region is the database's scope.
/// </summary>
public static class RequestLifecycle
{
    /// <summary>The entry kinds as stored (<see cref="RequestEntry.Kind"/>): stable identifiers of the history.</summary>
    public static class Entries
    {
        public const string Submit = "submit";
        public const string Accept = "accept";
        public const string Reply = "reply";
        public const string Escalate = "escalate";
        public const string Close = "close";
    }

    public static IReadOnlyList<RequestTransition> Table { get; } =
    [
        new(null, RequestTrigger.Raise, AccessRight.RaiseRequest, Submitted, Entries.Submit),
        new(Submitted, RequestTrigger.Accept, AccessRight.AnswerRequest, Accepted, Entries.Accept),
        new(Submitted, RequestTrigger.Reply, AccessRight.AnswerRequest, Replied, Entries.Reply, RequestGuard.ReplyText),
        new(Accepted, RequestTrigger.Reply, AccessRight.AnswerRequest, Replied, Entries.Reply, RequestGuard.ReplyText),
        new(Replied, RequestTrigger.Reply, AccessRight.AnswerRequest, Replied, Entries.Reply, RequestGuard.ReplyText),
        new(Submitted, RequestTrigger.Escalate, null, Submitted, Entries.Escalate, RequestGuard.OverdueBelowProvince),
        new(Accepted, RequestTrigger.Escalate, null, Submitted, Entries.Escalate, RequestGuard.OverdueBelowProvince),
        new(Replied, RequestTrigger.Close, AccessRight.CloseRequest, Closed, Entries.Close, RequestGuard.Satisfaction),
    ];

    /// <summary>The row for (state, trigger), or null when the table does not allow the step in that state.</summary>
    public static RequestTransition? Find(RequestStatus? state, RequestTrigger trigger) =>
        Table.SingleOrDefault(t => t.From == state && t.Trigger == trigger);

    /// <summary>The states the platform escalates from when overdue.</summary>
    public static IReadOnlyList<RequestStatus> Escalating { get; } =
        [.. Table.Where(t => t.Trigger == RequestTrigger.Escalate).Select(t => t.From!.Value)];
}
