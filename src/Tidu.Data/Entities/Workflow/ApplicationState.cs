namespace Tidu.Data.Entities.Workflow;

/// <summary>Where an application stands in the review chain (workflow.md "Recognition procedure", steps 2–5).</summary>
public enum ApplicationState
{
    Submitted,
    Returned,
    CountyApproved,
    CityRecommended,
    ProvinceApproved,
    Rejected,
}
