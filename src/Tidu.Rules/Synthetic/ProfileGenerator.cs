using Tidu.Domain;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;

namespace Tidu.Rules.Synthetic;

/// <summary>
/// Deterministic synthetic profiles (exchange format v1.1) for demos, tests and benchmarks. The same seed gives
/// the same profiles on every machine. Shares: industries ≈ 65 % manufacturing; and
/// <see cref="NearBoundaryShare"/> of the profiles have one value set exactly on, or 0.01 below, a threshold
/// taken from the rule library itself (so the generator carries no policy number of its own).
/// </summary>
public sealed class ProfileGenerator
{
    /// <summary>Fraction of profiles placed on a tier boundary.</summary>
    public const double NearBoundaryShare = 0.25;

    private static readonly (string Code, int Weight)[] IndustryMix =
    [
        ("C3484", 12), ("C3911", 10), ("C2710", 6), ("C3560", 8), ("C3825", 8), ("C3670", 8), ("C2929", 7), ("C4011", 6),
        ("I6510", 8), ("I6520", 4), ("F5171", 5), ("F5261", 3), ("M7320", 5), ("L7212", 3), ("E4810", 3), ("G5920", 2), ("A0111", 2),
    ];

    private static readonly string[] NamePrefixes = ["华", "精", "恒", "瑞", "博", "鑫", "宏", "远", "诚", "捷", "越", "楚", "江", "汉", "智", "达"];
    private static readonly string[] NameCores = ["精工", "微电", "新材", "智控", "传动", "光电", "生物", "软件", "机械", "液压", "传感", "医疗", "化工", "电子"];
    private static readonly string[] Institutions = ["none", "none", "below-city", "city", "city", "provincial", "national"];
    private static readonly string[] Chains = ["key-results", "basics", "none", "none"];
    private static readonly string[] FinancialFacts = ["rdRatio", "mainBusinessShare", "debtRatio", "netMargin", "operatingRevenue", "rdExpense"];
    private static readonly string[] ProfileFacts = ["mainProductRevenueShare", "domesticMarketShare", "qualityEvaluationScore"];

    private readonly IReadOnlyList<Region> _regions;
    private readonly IReadOnlyList<BoundaryTarget> _targets;
    private readonly int _lastYear;
    private readonly int _totalWeight = IndustryMix.Sum(i => i.Weight);

    /// <param name="regions">County-level regions to place enterprises in.</param>
    /// <param name="targets">Thresholds to place values on (see <see cref="TargetsFrom"/>).</param>
    /// <param name="lastYear">The last fiscal year of the generated financials (three years end there).</param>
    public ProfileGenerator(IReadOnlyList<Region> regions, IReadOnlyList<BoundaryTarget> targets, int lastYear)
    {
        if (regions.Count == 0)
        {
            throw new ArgumentException("no region to place enterprises in", nameof(regions));
        }
        _regions = regions;
        _targets = targets;
        _lastYear = lastYear;
    }

    /// <summary>Numeric thresholds of every check on facts the generator can set, from every version of every tier.</summary>
    public static IReadOnlyList<BoundaryTarget> TargetsFrom(RuleLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        static IEnumerable<Condition> Walk(Condition c) => new[] { c }.Concat(c.Members.SelectMany(Walk));
        return library.Tiers
            .SelectMany(t => t.Versions.SelectMany(v => Walk(v.Qualify)).OfType<Check>().Select(c => (t.Id, c)))
            .Where(x => x.c.Threshold is not null && (FinancialFacts.Contains(x.c.FactName) || ProfileFacts.Contains(x.c.FactName)))
            .Select(x => new BoundaryTarget(x.Id, x.c.Id, x.c.FactName, x.c.YearOffset, x.c.Threshold!.Value))
            .DistinctBy(t => (t.Fact, t.YearOffset, t.Threshold))
            .ToList();
    }

    /// <summary>Profile number <paramref name="index"/> of the sequence for <paramref name="seed"/>; independent of the others.</summary>
    public EnterpriseProfile Generate(int seed, long index)
    {
        // One Random per profile, seeded from (seed, index): profiles can be generated in any order or in parallel.
        // (HashCode.Combine is randomised per process, so a fixed mix is used instead.)
        var rng = new Random(Mix(seed, index));
        var region = _regions[rng.Next(_regions.Count)];
        var industry = PickIndustry(rng);
        var employees = (int)Math.Round(Math.Exp(Uniform(rng, Math.Log(5), Math.Log(1500))));
        var revenue = Round2((decimal)Math.Exp(Uniform(rng, Math.Log(80), Math.Log(60000))));
        var financials = new List<FinancialYear>(3);
        var years = new decimal[3];
        years[2] = revenue;
        years[1] = Round2(revenue / (decimal)(1 + Uniform(rng, -0.15, 0.35)));
        years[0] = Round2(years[1] / (decimal)(1 + Uniform(rng, -0.15, 0.35)));
        var mainShare = (decimal)Uniform(rng, 0.45, 1.0);
        var rdRatio = (decimal)Math.Max(0, Uniform(rng, -0.01, 0.14));
        var margin = (decimal)Uniform(rng, -0.08, 0.18);
        var debt = (decimal)Uniform(rng, 0.15, 0.92);
        var rdStaffShare = Uniform(rng, 0.02, 0.55);
        for (var i = 0; i < 3; i++)
        {
            var op = years[i];
            var assets = Round2(op * (decimal)Uniform(rng, 0.8, 2.0));
            financials.Add(new FinancialYear
            {
                Year = _lastYear - 2 + i,
                InputIndex = i,
                OperatingRevenue = op,
                MainBusinessRevenue = Round2(op * mainShare),
                RdExpense = Round2(op * rdRatio),
                NetProfit = Round2(op * margin),
                TotalAssets = assets,
                TotalLiabilities = Round2(assets * debt),
                Employees = employees,
                RdStaff = (int)(employees * rdStaffShare),
                NewQualifiedEquityFinancing = rng.NextDouble() < 0.85 ? 0m : Round2((decimal)Uniform(rng, 100, 9000)),
            });
        }
        var classI = rng.Next(0, 9);
        var profile = new EnterpriseProfile
        {
            CreditCode = CreditCodeFor(rng, region.Code),
            Name = $"{region.Name}{NamePrefixes[rng.Next(NamePrefixes.Length)]}{NameCores[rng.Next(NameCores.Length)]}科技有限公司{index:D6}",
            RegionCode = region.Code,
            IndustryCode = industry,
            EstablishedOn = new DateOnly(rng.Next(1995, _lastYear - 1), rng.Next(1, 13), 1),
            NicheMarketSince = new DateOnly(rng.Next(2005, _lastYear + 1), rng.Next(1, 13), rng.Next(1, 29)),
            MainProduct = new MainProduct
            {
                Name = "主导产品",
                StrategicEmergingIndustry = rng.NextDouble() < 0.5,
                ChainContribution = Chains[rng.Next(Chains.Length)],
                KeyField = rng.NextDouble() < 0.4,
                DomesticMarketShare = Round4((decimal)Uniform(rng, 0, 0.3)),
                DomesticMarketRank = rng.Next(1, 30),
                MarketPositionLeading = rng.NextDouble() < 0.6,
                RevenueShare = Round4((decimal)Uniform(rng, 0.35, 1.0)),
            },
            Financials = financials,
            IntellectualProperty = new IntellectualProperty
            {
                ClassI = classI,
                ClassISelfDeveloped = rng.Next(0, classI + 1),
                ClassIHighValue = rng.Next(0, classI / 2 + 1),
                ClassIApplied = rng.Next(0, classI + 1),
                ClassII = rng.Next(0, 15),
                InventionPatents = rng.Next(0, classI + 1),
            },
            RdInstitution = Institutions[rng.Next(Institutions.Length)],
            DigitalLevel = rng.Next(1, 5),
            CoreBusinessOnInformationSystem = rng.NextDouble() < 0.7,
            Quality = new QualityInfo
            {
                ProvincialQualityAward = rng.NextDouble() < 0.08,
                ManagementSystemCertifications = rng.NextDouble() < 0.6 ? ["ISO9001"] : [],
                DevelopedMarketProductCertification = rng.NextDouble() < 0.2,
                OwnBrand = rng.NextDouble() < 0.65,
            },
            Standards = rng.NextDouble() < 0.3 ? [new StandardEntry("industry", "participate", _lastYear - 1)] : [],
            Honors = Honors(rng),
            Recognitions = Recognitions(rng),
            LocalFeatureScore = rng.Next(0, 16),
            QualityEvaluations = [new QualityEvaluation(_lastYear + 1, rng.Next(35, 96)), new QualityEvaluation(_lastYear, rng.Next(35, 96))],
        };
        return _targets.Count > 0 && rng.NextDouble() < NearBoundaryShare ? OnBoundary(profile, rng) : profile;
    }

    private List<Honor> Honors(Random rng)
    {
        var list = new List<Honor>();
        if (rng.NextDouble() < 0.4)
        {
            list.Add(new Honor("tech-sme", _lastYear, new DateOnly(_lastYear + 1, 12, 31), null));
        }
        if (rng.NextDouble() < 0.3)
        {
            list.Add(new Honor("high-tech-enterprise", _lastYear - rng.Next(0, 3), new DateOnly(_lastYear + rng.Next(0, 3), 12, 31), null));
        }
        if (rng.NextDouble() < 0.05)
        {
            list.Add(new Honor(rng.NextDouble() < 0.7 ? "provincial-st-award" : "national-st-award", _lastYear - rng.Next(0, 5), null, rng.Next(1, 8)));
        }
        return list;
    }

    private List<Recognition> Recognitions(Random rng)
    {
        var list = new List<Recognition>();
        if (rng.NextDouble() < 0.25)
        {
            var on = new DateOnly(_lastYear - rng.Next(0, 3), rng.Next(1, 13), 1);
            list.Add(new Recognition("innovative-sme", on, on.AddYears(3).AddDays(-1), null));
        }
        if (rng.NextDouble() < 0.15)
        {
            var on = new DateOnly(_lastYear - rng.Next(0, 3), rng.Next(1, 13), 1);
            list.Add(new Recognition("specialized-sme", on, on.AddYears(3).AddDays(-1), null));
        }
        return list;
    }

    /// <summary>Sets one value exactly on a rule threshold, or 0.01 below it.</summary>
    private EnterpriseProfile OnBoundary(EnterpriseProfile p, Random rng)
    {
        var t = _targets[rng.Next(_targets.Count)];
        var below = rng.NextDouble() < 0.5 ? 0.01m : 0m;
        var year = _lastYear + t.YearOffset;
        FinancialYear Set(FinancialYear f) => t.Fact switch
        {
            "rdRatio" => f with { RdExpense = Math.Max(0m, Round2(t.Threshold * f.OperatingRevenue!.Value) - below) },
            "mainBusinessShare" => f with { MainBusinessRevenue = Math.Max(0m, Round2(t.Threshold * f.OperatingRevenue!.Value) - below) },
            "debtRatio" => f with { TotalLiabilities = Round2(t.Threshold * f.TotalAssets!.Value) + below },
            "netMargin" => f with { NetProfit = Round2(t.Threshold * f.OperatingRevenue!.Value) - below },
            "operatingRevenue" => f with { OperatingRevenue = Math.Max(0m, t.Threshold - below) },
            "rdExpense" => f with { RdExpense = Math.Max(0m, t.Threshold - below) },
            _ => f,
        };
        return t.Fact switch
        {
            "mainProductRevenueShare" => p with { MainProduct = p.MainProduct! with { RevenueShare = Math.Clamp(t.Threshold - below / 100m, 0m, 1m) } },
            "domesticMarketShare" => p with { MainProduct = p.MainProduct! with { DomesticMarketShare = Math.Clamp(t.Threshold - below / 100m, 0m, 1m) } },
            "qualityEvaluationScore" => p with { QualityEvaluations = [new QualityEvaluation(_lastYear + 1, t.Threshold - below), new QualityEvaluation(_lastYear, t.Threshold)] },
            _ => p with { Financials = p.Financials.Select(f => f.Year == year ? Set(f) : f).ToList() },
        };
    }

    private string PickIndustry(Random rng)
    {
        var x = rng.Next(_totalWeight);
        foreach (var (code, weight) in IndustryMix)
        {
            if (x < weight)
            {
                return code;
            }
            x -= weight;
        }
        return IndustryMix[^1].Code;
    }

    /// <summary>"91" (enterprise, company) + the region code + 9 random characters + the GB 32100 check character.</summary>
    private static string CreditCodeFor(Random rng, string regionCode)
    {
        Span<char> c = stackalloc char[CreditCode.Length];
        c[0] = '9';
        c[1] = '1';
        regionCode.AsSpan().CopyTo(c[2..8]);
        for (var i = 8; i < CreditCode.Length - 1; i++)
        {
            c[i] = CreditCode.AlphabetAt(rng.Next(CreditCode.AlphabetSize));
        }
        c[^1] = CreditCode.CheckCharacter(c[..^1]);
        return new string(c);
    }

    /// <summary>SplitMix64 finaliser of (seed, index) folded to 31 bits: stable across runs and machines.</summary>
    internal static int Mix(int seed, long index)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) ^ (ulong)index;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
        }
    }

    private static double Uniform(Random rng, double min, double max) => min + (rng.NextDouble() * (max - min));

    private static decimal Round2(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);

    private static decimal Round4(decimal d) => Math.Round(d, 4, MidpointRounding.AwayFromZero);
}
