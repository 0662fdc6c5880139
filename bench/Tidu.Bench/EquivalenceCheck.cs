using System.Globalization;
using Tidu.Domain.Profiles;
using Tidu.Rules;
using Tidu.Rules.Evaluation;

namespace Tidu.Bench;

/// <summary>
/// <c>--verify N</c>: the hand-written evaluator, the RulesEngine workflows and Tidu's <see cref="Evaluator"/> must agree
/// on the size class and, for every tier, on qualified and score, for N generated profiles (seed 1) as of 2026-03-31.
/// A second pass runs N perturbed copies of the same profiles (missing years and fields, zero denominators, coarse
/// industry codes, honours on the date boundaries …), because the generator always fills every input.
/// </summary>
public static class EquivalenceCheck
{
    private const int MaxShown = 20;

    public static async Task<int> RunAsync(int count, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var report = await CompareAsync(count).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify: {report.Profiles:N0} profiles ({count:N0} generated, seed {BenchData.Seed}, + {count:N0} perturbed) as of {BenchData.AsOf:yyyy-MM-dd}"));
        foreach (var (pass, name) in new[] { (0, "generated"), (1, "perturbed") })
        {
            output.WriteLine($"qualified per Tidu, {name}: " + string.Join(", ", Outcome.TierIds.Select((id, t) => $"{id} {report.Qualified[pass, t]:N0}")));
        }
        if (report.Mismatches.Count == 0)
        {
            output.WriteLine("hand-written, RulesEngine and Tidu agree on sizeClass, qualified and score for every profile and tier.");
            return 0;
        }
        output.WriteLine($"{report.Mismatches.Count:N0} mismatches; the first {Math.Min(MaxShown, report.Mismatches.Count)}:");
        foreach (var m in report.Mismatches.Take(MaxShown))
        {
            output.WriteLine("  " + m);
        }
        return 1;
    }

    /// <summary>
    /// Runs the three evaluators on <paramref name="count"/> generated and <paramref name="count"/> perturbed profiles;
    /// the report lists every disagreement and, per pass (generated, perturbed) and tier, how many Tidu qualified.
    /// </summary>
    public static async Task<EquivalenceReport> CompareAsync(int count)
    {
        var library = RuleLibrary.LoadDefault();
        var tidu = new Evaluator(library);
        var hand = new HandWrittenEvaluator(BenchData.AsOf);
        var rules = new RulesEngineEvaluator(BenchData.AsOf);
        var generator = BenchData.Generator(library);

        var mismatches = new List<string>();
        var profiles = 0;
        var tally = new int[2, Outcome.TierIds.Length];
        foreach (var perturbed in new[] { false, true })
        {
            for (var i = 0; i < count; i++)
            {
                var profile = generator.Generate(BenchData.Seed, i);
                if (perturbed)
                {
                    profile = Perturb(profile, new Random(i));
                }
                var expected = FromTidu(tidu.Evaluate(profile, BenchData.AsOf, explain: false));
                var byHand = hand.Evaluate(profile);
                var byRules = await rules.EvaluateAsync(profile).ConfigureAwait(false);
                var where = $"{(perturbed ? "perturbed" : "generated")} #{i} {profile.CreditCode} ({profile.IndustryCode})";
                Compare(where, "hand-written", expected, byHand, mismatches);
                Compare(where, "RulesEngine", expected, byRules, mismatches);
                for (var t = 0; t < Outcome.TierIds.Length; t++)
                {
                    tally[perturbed ? 1 : 0, t] += expected[t].Qualified ? 1 : 0;
                }
                profiles++;
            }
        }
        return new EquivalenceReport(profiles, mismatches, tally);
    }

    private static Outcome FromTidu(EnterpriseEvaluation e)
    {
        TierOutcome Of(string id) => e.Tiers.Single(t => t.Tier == id) is var t ? new TierOutcome(t.Qualified, t.Score) : default;
        return new Outcome(e.SizeClass.SizeClass, Of(Outcome.TierIds[0]), Of(Outcome.TierIds[1]), Of(Outcome.TierIds[2]));
    }

    private static void Compare(string where, string who, Outcome expected, Outcome actual, List<string> mismatches)
    {
        if (expected.SizeClass != actual.SizeClass)
        {
            mismatches.Add($"{where}: sizeClass — Tidu {expected.SizeClass ?? "null"}, {who} {actual.SizeClass ?? "null"}");
        }
        for (var t = 0; t < Outcome.TierIds.Length; t++)
        {
            if (expected[t] != actual[t])
            {
                mismatches.Add($"{where}: {Outcome.TierIds[t]} — Tidu {expected[t]}, {who} {actual[t]}");
            }
        }
    }

    private static readonly string[] IndustryCodes =
    [
        "A", "A0111", "B0610", "C", "C3484", "D4411", "E", "E4810", "F", "F51", "F5171", "F52", "F5261", "G", "G53", "G5310", "G5420",
        "G5920", "G6010", "H", "H6110", "H6210", "I6", "I6311", "I6510", "K", "K70", "K7010", "K7020", "L", "L7212", "M7320", "Z",
    ];

    private static readonly string[] HonorKinds =
    [
        "national-st-award", "provincial-st-award", "high-tech-enterprise", "national-tech-innovation-demo", "ip-advantage",
        "ip-demonstration", "chuangke-top500", "chuangke-top50", "tech-sme", "other",
    ];

    private static readonly string?[] Certifications = ["ISO9001", "iso 9001:2015", "ISO-9001", "IATF 16949", "ISO14001", "GJB_9001", "TL 9000:2016", "AS9100D", "ISO 45001"];
    private static readonly string?[] Institutions = [null, "none", "below-city", "city", "provincial", "national", "unknown"];
    private static readonly string?[] Chains = [null, "key-results", "basics", "none"];

    /// <summary>A copy with a few inputs removed, zeroed or moved onto a date or value boundary (deterministic per index).</summary>
    private static EnterpriseProfile Perturb(EnterpriseProfile p, Random rng)
    {
        var edits = rng.Next(1, 6);
        if (rng.Next(3) == 0)
        {
            p = Promote(p, rng);
            edits = rng.Next(0, 3);
        }
        for (var e = 0; e < edits; e++)
        {
            p = rng.Next(16) switch
            {
                0 => DropYear(p, rng.Next(p.Financials.Count + 1)),
                1 or 2 => p with { Financials = p.Financials.Select(f => rng.Next(3) == 0 ? PerturbYear(f, rng) : f).ToList() },
                3 => p with { IndustryCode = IndustryCodes[rng.Next(IndustryCodes.Length)] },
                4 => p with
                {
                    MainProduct = rng.Next(5) == 0 ? null : (p.MainProduct ?? new MainProduct()) with
                    {
                        StrategicEmergingIndustry = Maybe(rng, p.MainProduct?.StrategicEmergingIndustry),
                        ChainContribution = Chains[rng.Next(Chains.Length)],
                        KeyField = Maybe(rng, p.MainProduct?.KeyField),
                        DomesticMarketShare = rng.Next(3) switch { 0 => null, 1 => 0.1m, _ => p.MainProduct?.DomesticMarketShare },
                        RevenueShare = rng.Next(3) switch { 0 => null, 1 => 0.5m, _ => 0.5001m },
                        RestrictedCategory = Maybe(rng, null),
                    },
                },
                5 => p with
                {
                    RegisteredInMainland = Maybe(rng, null),
                    IndependentLegalPerson = Maybe(rng, null),
                    Compliance = rng.Next(3) == 0 ? null : new Compliance
                    {
                        AbnormalOperationList = Maybe(rng, null),
                        SeriousDishonestyList = Maybe(rng, null),
                        MajorIncidentWithin3Years = Maybe(rng, null),
                        ViolationWithin3Years = Maybe(rng, null),
                    },
                },
                6 => p with
                {
                    IntellectualProperty = rng.Next(4) == 0 ? null : new IntellectualProperty
                    {
                        ClassI = rng.Next(3) == 0 ? null : rng.Next(3),
                        ClassISelfDeveloped = rng.Next(3) == 0 ? null : rng.Next(2),
                        ClassIHighValue = rng.Next(3) == 0 ? null : rng.Next(2),
                        ClassIApplied = rng.Next(3) == 0 ? null : rng.Next(4),
                        ClassII = rng.Next(3) == 0 ? null : rng.Next(2),
                    },
                },
                7 => p with { RdInstitution = Institutions[rng.Next(Institutions.Length)], DigitalLevel = rng.Next(3) == 0 ? null : rng.Next(0, 5) },
                8 => p with
                {
                    Quality = rng.Next(4) == 0 ? null : new QualityInfo
                    {
                        ProvincialQualityAward = Maybe(rng, null),
                        ManagementSystemCertifications = rng.Next(4) switch
                        {
                            0 => null,
                            1 => [],
                            _ => Enumerable.Range(0, rng.Next(1, 3)).Select(_ => Certifications[rng.Next(Certifications.Length)]!).ToList(),
                        },
                        DevelopedMarketProductCertification = Maybe(rng, null),
                        OwnBrand = Maybe(rng, null),
                    },
                    Standards = rng.Next(3) switch { 0 => null, 1 => [], _ => [new StandardEntry("national", "lead", 2024)] },
                },
                9 or 10 => p with
                {
                    Honors = [.. p.Honors ?? [], .. Enumerable.Range(0, rng.Next(1, 4)).Select(_ => new Honor(
                        HonorKinds[rng.Next(HonorKinds.Length)],
                        rng.Next(6) == 0 ? null : rng.Next(2020, 2028),
                        rng.Next(3) switch { 0 => null, 1 => new DateOnly(2026, 3, 30), _ => new DateOnly(2026, 3, 31) },
                        rng.Next(4) == 0 ? null : rng.Next(1, 8)))],
                },
                11 => p with
                {
                    Recognitions = rng.Next(4) switch
                    {
                        0 => null,
                        1 => [new Recognition("specialized-sme", new DateOnly(2023, 4, 1), new DateOnly(2026, 3, 31), null)],
                        2 => [new Recognition("specialized-sme", new DateOnly(2023, 3, 31), new DateOnly(2026, 3, 30), null)],
                        _ => [new Recognition("specialized-sme", new DateOnly(2026, 4, 1), null, null)],
                    },
                },
                12 => p with { LocalFeatureScore = rng.Next(5) switch { 0 => null, 1 => 20m, 2 => -3m, 3 => 7.5m, _ => 15m } },
                13 => p with
                {
                    NicheMarketSince = rng.Next(6) switch
                    {
                        0 => null,
                        1 => new DateOnly(2026, 1, 1),
                        2 => new DateOnly(2024, 1, 1),
                        3 => new DateOnly(2024, 1, 2),
                        4 => new DateOnly(2020, 2, 29),
                        _ => new DateOnly(2023, 1, 1),
                    },
                },
                14 => p with
                {
                    Financials = p.Financials.Select(f => f with
                    {
                        NewQualifiedEquityFinancing = rng.Next(4) switch { 0 => null, 1 => 3000m, 2 => 4000m, _ => 250m },
                        RdExpense = rng.Next(3) == 0 ? 1000m : rng.Next(2) == 0 ? 1500m : f.RdExpense,
                    }).ToList(),
                },
                _ => p with
                {
                    Financials = p.Financials.Select(f => f with
                    {
                        Employees = rng.Next(8) switch { 0 => 5, 1 => 10, 2 => 20, 3 => 100, 4 => 300, 5 => 1000, 6 => 999, _ => 2000 },
                        OperatingRevenue = rng.Next(6) switch { 0 => 5000m, 1 => 10000m, 2 => 40000m, 3 => 999.99m, 4 => 1000m, _ => f.OperatingRevenue },
                        TotalAssets = rng.Next(4) switch { 0 => 80000m, 1 => 120000m, 2 => 300m, _ => f.TotalAssets },
                    }).ToList(),
                },
            };
        }
        return p;
    }

    /// <summary>Makes the profile meet (nearly) every little-giant condition, so the subsequent edits probe that tier too.</summary>
    private static EnterpriseProfile Promote(EnterpriseProfile p, Random rng)
    {
        var revenue = rng.Next(3) switch { 0 => 3000m, 1 => 7000m, _ => 20000m };
        var growth = rng.Next(2) == 0 ? 1.05m : 1.1m;
        return p with
        {
            IndustryCode = "C3484",
            NicheMarketSince = new DateOnly(2015, 6, 1),
            Recognitions = [new Recognition("specialized-sme", new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), null)],
            MainProduct = (p.MainProduct ?? new MainProduct()) with { RevenueShare = 0.8m, DomesticMarketShare = 0.15m, ChainContribution = "key-results", KeyField = true, RestrictedCategory = false },
            Quality = new QualityInfo { OwnBrand = true, ManagementSystemCertifications = ["ISO 9001:2015"], DevelopedMarketProductCertification = false, ProvincialQualityAward = false },
            CoreBusinessOnInformationSystem = true,
            RdInstitution = "city",
            IntellectualProperty = (p.IntellectualProperty ?? new IntellectualProperty()) with { ClassIApplied = 2 },
            Compliance = null,
            Financials = p.Financials.Select(f =>
            {
                var op = Math.Round(revenue / (decimal)Math.Pow((double)growth, BenchData.LastYear - f.Year), 2);
                return f with
                {
                    OperatingRevenue = op,
                    MainBusinessRevenue = op * 0.7m,
                    RdExpense = revenue < 5000m ? 1500m : op * (revenue < 10000m ? 0.06m : 0.03m),
                    TotalAssets = op,
                    TotalLiabilities = op * 0.7m,
                    Employees = 200,
                    RdStaff = 100,
                    NewQualifiedEquityFinancing = revenue < 5000m ? 4000m : 0m,
                };
            }).ToList(),
        };
    }

    private static EnterpriseProfile DropYear(EnterpriseProfile p, int index) =>
        p with { Financials = p.Financials.Where((_, i) => i != index).ToList() };

    private static FinancialYear PerturbYear(FinancialYear f, Random rng) => rng.Next(12) switch
    {
        0 => f with { OperatingRevenue = rng.Next(2) == 0 ? null : 0m },
        1 => f with { MainBusinessRevenue = rng.Next(2) == 0 ? null : 0m },
        2 => f with { RdExpense = null },
        3 => f with { NetProfit = null },
        4 => f with { TotalAssets = rng.Next(2) == 0 ? null : 0m },
        5 => f with { TotalLiabilities = null },
        6 => f with { Employees = rng.Next(2) == 0 ? null : 0 },
        7 => f with { RdStaff = null },
        8 => f with { NewQualifiedEquityFinancing = null },
        9 => f with { MainBusinessRevenue = f.MainBusinessRevenue * 0.9m },
        10 => f with { NetProfit = -f.NetProfit, TotalLiabilities = f.TotalAssets * 0.7m },
        _ => f with { RdStaff = f.Employees / 2, RdExpense = f.OperatingRevenue * 0.06m },
    };

    private static bool? Maybe(Random rng, bool? current) => rng.Next(4) switch
    {
        0 => null,
        1 => true,
        2 => false,
        _ => current,
    };
}

/// <summary>What <see cref="EquivalenceCheck.CompareAsync"/> found: profiles compared, disagreements, and Tidu's qualified counts per pass and tier.</summary>
public sealed record EquivalenceReport(int Profiles, IReadOnlyList<string> Mismatches, int[,] Qualified);
