namespace Tidu.Application.Workflow;

/// <summary>
/// Defaults a round takes when its opener does not set them (appsettings "Workflow" section). They are policy
/// (docs/procedure.md: publicity commonly 5 working days, validity 3 years), so they live in configuration.
/// </summary>
public sealed class WorkflowOptions
{
    public int PublicityWorkingDays { get; set; }
    public int RecognitionValidityYears { get; set; }
}
