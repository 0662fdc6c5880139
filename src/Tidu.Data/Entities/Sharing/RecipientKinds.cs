namespace Tidu.Data.Entities.Sharing;

/// <summary>
/// Who receives lists. Consent is given to a kind of recipient (all banks, or all service bodies), not to one
/// institution: enterprises are asked once, as in the paper forms the seeds describe, and a new partner bank does
/// not need a new round of consents. The kind is recorded with every consent and every pull.
/// </summary>
public static class RecipientKinds
{
    public const string Bank = "bank";
    public const string ServiceBody = "service-body";

    public static IReadOnlyList<string> All { get; } = [Bank, ServiceBody];
}
