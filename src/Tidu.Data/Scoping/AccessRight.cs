namespace Tidu.Data.Scoping;

/// <summary>
/// A step of the use cases that only some actors take (the second table of the access matrix): each belongs to the
/// write row of one resource and narrows who of that row may take it — an enterprise applies, an officer reviews.
/// </summary>
public enum AccessRight
{
    ApplyToRound,
    ReviewApplication,
    VerifyDeclaredValues,
    AttachMaterial,
    RecordObjection,
    DecideAtProvince,
    OpenRound,
    DeclareAndScore,
    ManagePools,
    DecideRecognition,
    AssignCommissioner,
    RaiseRequest,
    AnswerRequest,
    CloseRequest,
    LogVisit,
    ManageConsent,
    ImportOfficialList,
}
