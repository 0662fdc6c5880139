using System.Text.Json.Serialization;

namespace Tidu.Bench;

/// <summary>
/// The parse floor's model: every field of an exchange-format profile as a plain class, filled by System.Text.Json
/// source generation with no validation, no defaults and no domain types. Nothing real can parse faster, so screening
/// is measured against it.
/// </summary>
public sealed class FloorProfile
{
    public string? CreditCode { get; set; }
    public string? Name { get; set; }
    public string? RegionCode { get; set; }
    public string? IndustryCode { get; set; }
    public bool? RegisteredInMainland { get; set; }
    public bool? IndependentLegalPerson { get; set; }
    public string? EstablishedOn { get; set; }
    public string? NicheMarketSince { get; set; }
    public string? Listing { get; set; }
    public string? ListingPlan { get; set; }
    public FloorMainProduct? MainProduct { get; set; }
    public List<FloorFinancialYear>? Financials { get; set; }
    public FloorIntellectualProperty? IntellectualProperty { get; set; }
    public string? RdInstitution { get; set; }
    public int? DigitalLevel { get; set; }
    public bool? CoreBusinessOnInformationSystem { get; set; }
    public FloorQuality? Quality { get; set; }
    public List<FloorStandard>? Standards { get; set; }
    public List<FloorHonor>? Honors { get; set; }
    public List<FloorRecognition>? Recognitions { get; set; }
    public decimal? LocalFeatureScore { get; set; }
    public FloorCompliance? Compliance { get; set; }
    public List<FloorQualityEvaluation>? QualityEvaluations { get; set; }
    public List<string>? VerifiedCriteria { get; set; }
}

public sealed class FloorMainProduct
{
    public string? Name { get; set; }
    public bool? StrategicEmergingIndustry { get; set; }
    public string? ChainContribution { get; set; }
    public bool? KeyField { get; set; }
    public decimal? DomesticMarketShare { get; set; }
    public int? GlobalMarketRank { get; set; }
    public decimal? SalesShareOfMainBusiness { get; set; }
    public int? YearsInField { get; set; }
    public decimal? InternationalMarketShare { get; set; }
    public int? DomesticMarketRank { get; set; }
    public bool? MarketPositionLeading { get; set; }
    public bool? RestrictedCategory { get; set; }
    public decimal? RevenueShare { get; set; }
}

public sealed class FloorFinancialYear
{
    public int? Year { get; set; }
    public decimal? OperatingRevenue { get; set; }
    public decimal? MainBusinessRevenue { get; set; }
    public decimal? RdExpense { get; set; }
    public decimal? BasicResearchExpense { get; set; }
    public decimal? NetProfit { get; set; }
    public decimal? TotalAssets { get; set; }
    public decimal? TotalLiabilities { get; set; }
    public int? Employees { get; set; }
    public int? RdStaff { get; set; }
    public decimal? NewQualifiedEquityFinancing { get; set; }
    public decimal? MainProductRevenue { get; set; }
    public decimal? NewProductOutputValue { get; set; }
    public decimal? IndustrialOutputValue { get; set; }
}

public sealed class FloorIntellectualProperty
{
    public int? ClassI { get; set; }
    public int? ClassISelfDeveloped { get; set; }
    public int? ClassIHighValue { get; set; }
    public int? ClassIApplied { get; set; }
    public int? ClassII { get; set; }
    public int? InventionPatents { get; set; }
}

public sealed class FloorQuality
{
    public bool? ProvincialQualityAward { get; set; }
    public List<string>? ManagementSystemCertifications { get; set; }
    public bool? DevelopedMarketProductCertification { get; set; }
    public bool? OwnBrand { get; set; }
}

public sealed class FloorStandard
{
    public string? Level { get; set; }
    public string? Role { get; set; }
    public int? Year { get; set; }
}

public sealed class FloorHonor
{
    public string? Kind { get; set; }
    public int? Year { get; set; }
    public string? ValidUntil { get; set; }
    public int? Rank { get; set; }
}

public sealed class FloorRecognition
{
    public string? Tier { get; set; }
    public string? RecognizedOn { get; set; }
    public string? ValidUntil { get; set; }
    public string? Issuer { get; set; }
}

public sealed class FloorCompliance
{
    public bool? AbnormalOperationList { get; set; }
    public bool? SeriousDishonestyList { get; set; }
    public bool? MajorIncidentWithin3Years { get; set; }
    public bool? ViolationWithin3Years { get; set; }
    public bool? WageArrears { get; set; }
    public bool? JointPunishment { get; set; }
}

public sealed class FloorQualityEvaluation
{
    public int? Year { get; set; }
    public decimal? Score { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(FloorProfile))]
internal sealed partial class FloorJson : JsonSerializerContext;
