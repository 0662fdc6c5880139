namespace Tidu.Domain.Profiles;

public sealed record QualityInfo
{
    public bool? ProvincialQualityAward { get; init; }
    public IReadOnlyList<string>? ManagementSystemCertifications { get; init; }
    public bool? DevelopedMarketProductCertification { get; init; }
    public bool? OwnBrand { get; init; }
}
