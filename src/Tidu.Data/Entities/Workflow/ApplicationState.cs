namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// Where an application stands in the recognition procedure (docs/procedure.md). Stored by name; it changes only through
/// the lifecycle table of the application layer.
/// </summary>
public enum ApplicationState
{
    Submitted,
    Returned,
    CountyApproved,
    CityRecommended,
    ProvinceApproved,

    /// <summary>Under publicity (公示): objections may be raised until it ends.</summary>
    Publicity,

    /// <summary>Recognised (认定): certificate issued, recognition added to the enterprise.</summary>
    Recognized,
    Rejected,

    /// <summary>Under expert review (专家评审): experts are assigned, declare conflicts of interest and score.</summary>
    ExpertReview,

    /// <summary>The expert review is concluded on the average of the scores; the province decides next.</summary>
    ExpertReviewed,
}
