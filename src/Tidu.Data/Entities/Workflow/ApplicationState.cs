namespace Tidu.Data.Entities.Workflow;

/// <summary>Where an application stands in the review chain (workflow.md "Recognition procedure", steps 2–7).</summary>
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
}
