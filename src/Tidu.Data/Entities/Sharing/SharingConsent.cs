namespace Tidu.Data.Entities.Sharing;

/// <summary>
/// An enterprise's consent to appear in the lists pulled by one kind of recipient (<see cref="RecipientKinds"/>):
/// who recorded it and when, given online by the enterprise or on paper (recorded by an officer with the paper's
/// reference), and its withdrawal. A withdrawn consent stays as history; giving it again is a new row.
/// </summary>
public sealed class SharingConsent
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;

    public required string RecipientKind { get; set; }

    /// <summary>"online" (the enterprise's own user) or "paper" (an officer recording a signed form).</summary>
    public required string Basis { get; set; }

    /// <summary>For paper consent: the form's reference (number, file name) so it can be found again.</summary>
    public string? PaperReference { get; set; }

    public DateTimeOffset GivenAt { get; set; }
    public required string GivenBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }

    public bool Active => WithdrawnAt is null;
}
