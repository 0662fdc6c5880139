namespace Tidu.Domain.Profiles;

public sealed record Compliance
{
    public bool? AbnormalOperationList { get; init; }
    public bool? SeriousDishonestyList { get; init; }
    public bool? MajorIncidentWithin3Years { get; init; }
    public bool? ViolationWithin3Years { get; init; }
    public bool? WageArrears { get; init; }
    public bool? JointPunishment { get; init; }
}
