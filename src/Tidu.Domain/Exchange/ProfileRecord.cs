using Tidu.Domain.Profiles;

namespace Tidu.Domain.Exchange;

/// <summary>
/// One record read from an input file: the profile when it is valid, otherwise every error found in it.
/// <see cref="Ordinal"/> is the 0-based position among all records of the file, valid or not.
/// </summary>
public sealed record ProfileRecord(long Ordinal, string Locator, EnterpriseProfile? Profile, IReadOnlyList<RecordError> Errors)
{
    public bool IsValid => Profile is not null;
}
