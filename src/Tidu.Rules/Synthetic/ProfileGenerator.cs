using Tidu.Domain;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;

namespace Tidu.Rules.Synthetic;

/// <summary>
/// Deterministic synthetic profiles (exchange format v1.1, every field of it) for demos, tests and benchmarks. The same
/// seed gives the same profiles on every machine. Each profile is an ordinary enterprise or, by the shares of the
/// <see cref="TierMix"/> (calibrated to Zhejiang's pyramid by default), a candidate for a tier moved by the gap analysis
/// until it qualifies under every national criteria version of the evaluation year. Then <see cref="NearBoundaryShare"/>
/// of all profiles get one value exactly on a threshold of the rules, or one grid step below or above it (thresholds
/// read from the rule library, both versions: the generator carries no policy number of its own). docs/synthetic-data.md.
/// </summary>
public sealed class ProfileGenerator
{
    /// <summary>Fraction of profiles with one value placed on a threshold (a third on it, a third one step below, a third above).</summary>
    public const double NearBoundaryShare = 0.25;

    private static readonly (string Code, int Weight)[] IndustryMix =
    [
        ("C3484", 12), ("C3911", 10), ("C2710", 6), ("C3560", 8), ("C3825", 8), ("C3670", 8), ("C2929", 7), ("C4011", 6),
        ("I6510", 8), ("I6520", 4), ("F5171", 5), ("F5261", 3), ("M7320", 5), ("L7212", 3), ("E4810", 3), ("G5920", 2), ("A0111", 2),
    ];

    private static readonly string[] Manufacturing = ["C3484", "C3911", "C2710", "C3560", "C3825", "C3670", "C2929", "C4011"];
    private static readonly string[] NamePrefixes = ["华", "精", "恒", "瑞", "博", "鑫", "宏", "远", "诚", "捷", "越", "楚", "江", "汉", "智", "达"];
    private static readonly string[] NameCores = ["精工", "微电", "新材", "智控", "传动", "光电", "生物", "软件", "机械", "液压", "传感", "医疗", "化工", "电子"];
    private static readonly string[] Institutions = ["none", "none", "below-city", "city", "city", "provincial", "national"];
    private static readonly string[] Chains = ["key-results", "basics", "none", "none"];
    private static readonly string[] Listings = ["neeq", "bse", "sse-main", "sse-star", "szse-main", "szse-chinext", "overseas"];
    private static readonly string[] RecognitionTiers = ["innovative-sme", "specialized-sme", "little-giant", "key-little-giant", "hidden-champion", "single-champion-enterprise", "single-champion-product"];
    private static readonly string[] LadderTiers = ["innovative-sme", "specialized-sme", "little-giant"];
    private static readonly string[] IpHonours = ["ip-advantage", "ip-demonstration", "national-tech-innovation-demo"];
    private static readonly string[] Certifications = ["ISO9001", "ISO 9001:2015", "ISO14001", "ISO45001", "IATF16949"];

    private readonly IReadOnlyList<Region> _regions;
    private readonly IReadOnlyList<BoundaryTarget> _targets;
    private readonly List<string> _criteria;
    private readonly int _lastYear;
    private readonly TierMix _mix;
    private readonly GapAnalyzer _gaps;
    private readonly Dictionary<string, IReadOnlyList<DateOnly>> _candidateDates;
    private readonly int _totalWeight = IndustryMix.Sum(i => i.Weight);

    /// <param name="regions">County-level regions to place enterprises in.</param>
    /// <param name="library">The rules: thresholds to place values on, criteria an officer can verify, the gap analysis for candidates.</param>
    /// <param name="lastYear">The last fiscal year of the generated financials (three years end there); evaluations are meant for the year after.</param>
    /// <param name="mix">Candidate shares; <see cref="TierMix.Zhejiang"/> when null.</param>
    public ProfileGenerator(IReadOnlyList<Region> regions, RuleLibrary library, int lastYear, TierMix? mix = null)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(library);
        if (regions.Count == 0)
        {
            throw new ArgumentException("no region to place enterprises in", nameof(regions));
        }
        _regions = regions;
        _targets = BoundaryPlacement.From(library);
        _criteria = Criteria(library);
        _lastYear = lastYear;
        _mix = mix ?? TierMix.Zhejiang;
        _gaps = new GapAnalyzer(new Evaluator(library));
        _candidateDates = LadderTiers
            .Where(t => library.Tiers.Any(x => x.Id == t))
            .ToDictionary(t => t, t => (IReadOnlyList<DateOnly>)CandidateDates(library, t, lastYear + 1), StringComparer.Ordinal);
    }

    /// <summary>Every threshold the generator places values on (checks and band edges of every version, on facts it can set).</summary>
    public IReadOnlyList<BoundaryTarget> Targets => _targets;

    /// <summary>
    /// The first day of each national criteria version of <paramref name="tier"/> in force during <paramref name="year"/>:
    /// a candidate qualifies on each (time-based conditions only get easier later in a version's window).
    /// </summary>
    private static List<DateOnly> CandidateDates(RuleLibrary library, string tier, int year)
    {
        var set = library.Tiers.Where(t => t.Id == tier).OrderBy(t => Jurisdiction.Specificity(t.Jurisdiction)).First();
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return set.Versions
            .Where(v => v.Info.EffectiveFrom <= last && (v.Info.EffectiveTo is null || v.Info.EffectiveTo >= first))
            .Select(v => v.Info.EffectiveFrom > first ? v.Info.EffectiveFrom : first)
            .ToList();
    }

    /// <summary>The ids of qualitative criteria the rules let an officer verify (the <c>officerVerified</c> checks).</summary>
    private static List<string> Criteria(RuleLibrary library)
    {
        static IEnumerable<Condition> Walk(Condition c) => new[] { c }.Concat(c.Members.SelectMany(Walk));
        return library.Tiers.SelectMany(t => t.Versions).SelectMany(v => Walk(v.Qualify)).OfType<Check>()
            .Where(c => c.FactName == "officerVerified" && c.Args.Criterion is not null)
            .Select(c => c.Args.Criterion!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Profile number <paramref name="index"/> of the sequence for <paramref name="seed"/>; independent of the others.</summary>
    public EnterpriseProfile Generate(int seed, long index)
    {
        // One Random per profile, seeded from (seed, index): profiles can be generated in any order or in parallel.
        // (HashCode.Combine is randomised per process, so a fixed mix is used instead.)
        var rng = new Random(Mix(seed, index));
        var candidate = _mix.Draw(rng.NextDouble());
        var profile = Base(rng, index, candidate is not null);
        if (candidate is not null && _candidateDates.TryGetValue(candidate, out var dates))
        {
            profile = Candidate(profile, candidate, dates, rng);
        }
        if (_targets.Count > 0 && rng.NextDouble() < NearBoundaryShare)
        {
            profile = BoundaryPlacement.Place(profile, _targets[rng.Next(_targets.Count)], rng.Next(3) - 1, _lastYear);
        }
        return profile;
    }

    /// <summary>
    /// The candidate moved until it qualifies for <paramref name="tier"/> on every date (a few rounds: a change for one
    /// version can undo another's); blocker hypotheses stay applied, with a recognition so assumed dated like a real one.
    /// When no plan qualifies (the gap analysis finds a blocker it cannot assume away) the profile stays as it was.
    /// </summary>
    private EnterpriseProfile Candidate(EnterpriseProfile profile, string tier, IReadOnlyList<DateOnly> dates, Random rng)
    {
        var p = profile;
        for (var round = 0; round < 3; round++)
        {
            foreach (var d in dates)
            {
                if (_gaps.QualifyingVariant(p, d, tier) is not { } moved)
                {
                    return profile;
                }
                p = moved;
            }
            if (dates.All(d => _gaps.Evaluator.Evaluate(p, d, EvaluationDetail.Outcome).Tiers.First(t => t.Tier == tier).Qualified))
            {
                break;
            }
        }
        var since = new DateOnly(_lastYear - 1, 1 + rng.Next(12), 1);
        return p with
        {
            Recognitions = p.Recognitions?.Select(r => r.Issuer is null && r.ValidUntil is null && dates.Contains(r.RecognizedOn)
                ? r with { RecognizedOn = since, ValidUntil = since.AddYears(3).AddDays(-1), Issuer = "330000" }
                : r).ToList(),
        };
    }

    /// <summary>An ordinary enterprise (most are small, few do R&amp;D), or the starting point of a candidate (an R&amp;D-active manufacturing SME).</summary>
    private static readonly string[] Directions = ["six-basics", "traditional-upgrading", "emerging", "future"];

    private EnterpriseProfile Base(Random rng, long index, bool candidate)
    {
        var region = _regions[rng.Next(_regions.Count)];
        var industry = candidate ? Manufacturing[rng.Next(Manufacturing.Length)] : PickIndustry(rng);
        var employees = (int)Math.Round(Math.Exp(candidate ? Uniform(rng, Math.Log(60), Math.Log(900)) : Uniform(rng, Math.Log(3), Math.Log(1500))));
        var revenue = Round2((decimal)Math.Exp(candidate ? Uniform(rng, Math.Log(3000), Math.Log(35000)) : Uniform(rng, Math.Log(30), Math.Log(60000))));
        var years = new decimal[3];
        years[2] = revenue;
        years[1] = Round2(revenue / (decimal)(1 + Uniform(rng, candidate ? 0.02 : -0.15, 0.35)));
        years[0] = Round2(years[1] / (decimal)(1 + Uniform(rng, candidate ? 0.02 : -0.15, 0.35)));
        var mainShare = (decimal)Uniform(rng, candidate ? 0.85 : 0.45, 1.0);
        var rdRatio = candidate ? (decimal)Uniform(rng, 0.04, 0.12) : rng.NextDouble() < 0.8 ? 0m : (decimal)Uniform(rng, 0, 0.02);
        var margin = (decimal)Uniform(rng, candidate ? 0.02 : -0.08, 0.18);
        var debt = (decimal)Uniform(rng, 0.15, candidate ? 0.6 : 0.92);
        var rdStaffShare = rdRatio == 0m ? 0 : Uniform(rng, 0.02, 0.45);
        var manufacturing = industry.StartsWith('C');
        var financials = new List<FinancialYear>(3);
        for (var i = 0; i < 3; i++)
        {
            var op = years[i];
            var assets = Round2(op * (decimal)Uniform(rng, 0.8, 2.0));
            var mainProduct = Round2(op * mainShare * (decimal)Uniform(rng, 0.6, 1.0));
            var output = manufacturing ? Round2(op * (decimal)Uniform(rng, 0.9, 1.2)) : (decimal?)null;
            financials.Add(new FinancialYear
            {
                Year = _lastYear - 2 + i,
                InputIndex = i,
                OperatingRevenue = op,
                MainBusinessRevenue = Round2(op * mainShare),
                RdExpense = Round2(op * rdRatio),
                BasicResearchExpense = rng.NextDouble() < 0.3 ? Round2(op * rdRatio * (decimal)Uniform(rng, 0, 0.2)) : null,
                NetProfit = Round2(op * margin),
                TotalAssets = assets,
                TotalLiabilities = Round2(assets * debt),
                Employees = employees,
                RdStaff = (int)(employees * rdStaffShare),
                NewQualifiedEquityFinancing = rng.NextDouble() < (candidate ? 0.9 : 0.999) ? 0m : Round2((decimal)Uniform(rng, 100, 9000)),
                MainProductRevenue = rng.NextDouble() < 0.6 ? mainProduct : null,
                IndustrialOutputValue = output,
                NewProductOutputValue = output is { } o && rng.NextDouble() < 0.7 ? Round2(o * (decimal)Uniform(rng, 0, 0.5)) : null,
            });
        }
        var classI = candidate ? rng.Next(2, 12) : rng.NextDouble() < 0.97 ? 0 : rng.Next(1, 4);
        return new EnterpriseProfile
        {
            CreditCode = CreditCodeFor(rng, region.Code),
            Name = $"{region.Name}{NamePrefixes[rng.Next(NamePrefixes.Length)]}{NameCores[rng.Next(NameCores.Length)]}科技有限公司{index:D6}",
            RegionCode = region.Code,
            IndustryCode = industry,
            RegisteredInMainland = rng.NextDouble() < 0.99,
            IndependentLegalPerson = rng.NextDouble() < 0.98,
            EstablishedOn = new DateOnly(rng.Next(1995, _lastYear - 1), rng.Next(1, 13), 1),
            NicheMarketSince = new DateOnly(rng.Next(candidate ? 2005 : 2010, _lastYear + 1), rng.Next(1, 13), rng.Next(1, 29)),
            Listing = rng.NextDouble() < 0.95 ? "none" : Listings[rng.Next(Listings.Length)],
            ListingPlan = rng.NextDouble() < 0.9 ? "none" : rng.NextDouble() < 0.5 ? "tutoring" : "filed",
            MainProduct = new MainProduct
            {
                Name = "主导产品",
                StrategicEmergingIndustry = rng.NextDouble() < (candidate ? 0.8 : 0.3),
                ChainContribution = candidate ? "key-results" : Chains[rng.Next(Chains.Length)],
                KeyField = rng.NextDouble() < (candidate ? 0.8 : 0.2),
                DomesticMarketShare = Round4((decimal)Uniform(rng, 0, candidate ? 0.4 : 0.1)),
                DomesticMarketRank = rng.Next(1, candidate ? 10 : 60),
                GlobalMarketRank = rng.NextDouble() < 0.1 ? rng.Next(1, 40) : null,
                InternationalMarketShare = rng.NextDouble() < 0.4 ? Round4((decimal)Uniform(rng, 0, 0.2)) : null,
                MarketPositionLeading = rng.NextDouble() < (candidate ? 0.9 : 0.2),
                RestrictedCategory = rng.NextDouble() < 0.5 ? rng.NextDouble() < 0.02 : null,
                SalesShareOfMainBusiness = rng.NextDouble() < 0.5 ? Round4((decimal)Uniform(rng, 0.4, 1.0)) : null,
                YearsInField = rng.NextDouble() < 0.5 ? rng.Next(1, 30) : null,
                RevenueShare = Round4((decimal)Uniform(rng, candidate ? 0.6 : 0.35, 1.0)),
                // The 2026 little giant's field list and the 2025 hidden champion's product count (schema v1.1).
                IndustryDirection = rng.NextDouble() < (candidate ? 0.8 : 0.3) ? Directions[rng.Next(Directions.Length)] : "other",
                ProductCount = rng.NextDouble() < 0.5 ? rng.Next(1, 6) : null,
            },
            Financials = financials,
            IntellectualProperty = new IntellectualProperty
            {
                ClassI = classI,
                ClassISelfDeveloped = rng.Next(0, classI + 1),
                ClassIHighValue = rng.Next(0, classI / 2 + 1),
                ClassIApplied = rng.Next(0, classI + 1),
                ClassII = candidate ? rng.Next(0, 20) : rng.NextDouble() < 0.8 ? 0 : rng.Next(1, 6),
                InventionPatents = rng.Next(0, classI + 1),
            },
            RdInstitution = candidate ? Institutions[rng.Next(3, Institutions.Length)] : Institutions[rng.Next(3)],
            DigitalLevel = rng.Next(1, 5),
            CoreBusinessOnInformationSystem = rng.NextDouble() < (candidate ? 0.95 : 0.5),
            Quality = new QualityInfo
            {
                ProvincialQualityAward = rng.NextDouble() < (candidate ? 0.15 : 0.01),
                ManagementSystemCertifications = rng.NextDouble() < (candidate ? 0.9 : 0.4) ? [Certifications[rng.Next(Certifications.Length)]] : [],
                DevelopedMarketProductCertification = rng.NextDouble() < (candidate ? 0.3 : 0.05),
                OwnBrand = rng.NextDouble() < (candidate ? 0.9 : 0.5),
            },
            Standards = rng.NextDouble() < (candidate ? 0.5 : 0.05) ? [new StandardEntry(rng.NextDouble() < 0.7 ? "industry" : "national", rng.NextDouble() < 0.3 ? "lead" : "participate", _lastYear - 1)] : [],
            Honors = Honors(rng, candidate),
            Recognitions = Recognitions(rng),
            LocalFeatureScore = rng.Next(0, 16),
            Compliance = rng.NextDouble() < 0.8 ? Compliance(rng) : null,
            QualityEvaluations = [new QualityEvaluation(_lastYear + 1, rng.Next(candidate ? 55 : 30, 96)), new QualityEvaluation(_lastYear, rng.Next(candidate ? 55 : 30, 96))],
            VerifiedCriteria = _criteria.Count > 0 && rng.NextDouble() < 0.3 ? _criteria.Where(_ => rng.NextDouble() < 0.5).ToList() : null,
        };
    }

    /// <summary>Honours of every kind: titles valid, expired or without an end; awards with a rank.</summary>
    private List<Honor> Honors(Random rng, bool candidate)
    {
        var list = new List<Honor>();
        if (rng.NextDouble() < (candidate ? 0.6 : 0.05))
        {
            list.Add(new Honor("tech-sme", _lastYear, new DateOnly(_lastYear + 1, 12, 31), null));
        }
        if (rng.NextDouble() < (candidate ? 0.4 : 0.004))
        {
            list.Add(new Honor("high-tech-enterprise", _lastYear - rng.Next(0, 3), new DateOnly(_lastYear + rng.Next(-1, 3), 12, 31), null));
        }
        if (rng.NextDouble() < (candidate ? 0.1 : 0.001))
        {
            list.Add(new Honor(rng.NextDouble() < 0.7 ? "provincial-st-award" : "national-st-award", _lastYear - rng.Next(0, 5), null, rng.Next(1, 8)));
        }
        if (rng.NextDouble() < (candidate ? 0.1 : 0.005))
        {
            list.Add(new Honor(rng.NextDouble() < 0.7 ? "chuangke-top500" : "chuangke-top50", _lastYear - rng.Next(0, 4), null, null));
        }
        if (rng.NextDouble() < (candidate ? 0.05 : 0.0005))
        {
            list.Add(new Honor(IpHonours[rng.Next(IpHonours.Length)], _lastYear - rng.Next(0, 4), new DateOnly(_lastYear + rng.Next(-2, 4), 12, 31), null));
        }
        return list;
    }

    /// <summary>Recognitions held, expired or dated after the evaluation year (a file updated ahead), of every tier.</summary>
    private List<Recognition> Recognitions(Random rng)
    {
        var list = new List<Recognition>();
        if (rng.NextDouble() < 0.04)
        {
            var on = new DateOnly(_lastYear - rng.Next(0, 3), rng.Next(1, 13), 1);
            list.Add(new Recognition("innovative-sme", on, on.AddYears(3).AddDays(-1), "330000"));
        }
        if (rng.NextDouble() < 0.01)
        {
            // Expired before the evaluation year.
            var on = new DateOnly(_lastYear - rng.Next(4, 7), rng.Next(1, 13), 1);
            list.Add(new Recognition(RecognitionTiers[rng.Next(3)], on, on.AddYears(3).AddDays(-1), null));
        }
        if (rng.NextDouble() < 0.003)
        {
            // Recognised after the evaluation year: not valid on any date of it.
            var on = new DateOnly(_lastYear + 2, rng.Next(1, 13), 1);
            list.Add(new Recognition(RecognitionTiers[rng.Next(RecognitionTiers.Length)], on, on.AddYears(3).AddDays(-1), null));
        }
        return list;
    }

    private static Compliance Compliance(Random rng) => new()
    {
        AbnormalOperationList = rng.NextDouble() < 0.02,
        SeriousDishonestyList = rng.NextDouble() < 0.005,
        MajorIncidentWithin3Years = rng.NextDouble() < 0.01,
        ViolationWithin3Years = rng.NextDouble() < 0.02,
        WageArrears = rng.NextDouble() < 0.01,
        JointPunishment = rng.NextDouble() < 0.005,
    };

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
