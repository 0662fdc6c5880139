namespace Tidu.Application.Dynamic;

/// <summary>What the province decides on a recognition at its re-review (复核).</summary>
public enum RecognitionTrigger
{
    /// <summary>Keep it (保留; 复核合格的，重新予以确认): its validity is extended by the configured years.</summary>
    Keep,

    /// <summary>Revoke it (撤销) on a ground; the enterprise may not apply for the tier again for the configured years.</summary>
    Revoke,
}

/// <summary>
/// One row of a recognition's lifecycle after it was granted: in status <see cref="From"/> (a <see cref="RecognitionStatus"/>,
/// computed on the day), an actor holding <see cref="Right"/> fires <see cref="Trigger"/>, recorded as a review of
/// <see cref="Decision"/>. <see cref="To"/> is the status it leads to, or null when the status follows from the new last
/// valid day (a kept recognition is valid, due for re-review or still expired depending on the extended validity).
/// </summary>
public sealed record RecognitionTransition(string From, RecognitionTrigger Trigger, AccessRight Right, string? To, string Decision, bool GroundRequired);

/// <summary>
/// The lifecycle of a recognition once granted (by a round's recognition or an official list), as one table
/// (docs/procedure.md, “Re-review and revocation”): the statuses are computed on the day from its dates and reviews;
/// the province keeps or revokes a recognition in any status but revoked, and a revoked recognition takes no step.
/// Every decision needs a reason; a revocation also a ground (<see cref="RevocationGrounds"/>).
/// </summary>
public static class RecognitionLifecycle
{
    private static readonly string[] Reviewable = [RecognitionStatus.NotYetValid, RecognitionStatus.Valid, RecognitionStatus.ReReviewDue, RecognitionStatus.Expired];

    public static IReadOnlyList<RecognitionTransition> Table { get; } =
    [
        .. Reviewable.Select(s => new RecognitionTransition(s, RecognitionTrigger.Keep, AccessRight.DecideRecognition, null, RecognitionDecisions.Keep, GroundRequired: false)),
        .. Reviewable.Select(s => new RecognitionTransition(s, RecognitionTrigger.Revoke, AccessRight.DecideRecognition, RecognitionStatus.Revoked, RecognitionDecisions.Revoke, GroundRequired: true)),
    ];

    /// <summary>Every status a recognition can be in.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [.. Reviewable, RecognitionStatus.Revoked];

    /// <summary>The row for (status, trigger), or null when the table does not allow the step in that status.</summary>
    public static RecognitionTransition? Find(string status, RecognitionTrigger trigger) =>
        Table.SingleOrDefault(t => t.From == status && t.Trigger == trigger);

    /// <summary>The trigger a decision name (keep, revoke) means, or null.</summary>
    public static RecognitionTrigger? TriggerOf(string? decision) => decision?.Trim().ToLowerInvariant() switch
    {
        RecognitionDecisions.Keep => RecognitionTrigger.Keep,
        RecognitionDecisions.Revoke => RecognitionTrigger.Revoke,
        _ => null,
    };
}
