using Tidu.Domain.Profiles;
using Tidu.Domain.Projects;
using Tidu.Domain.Regions;
using Tidu.Rules.Policies;
using Tidu.Rules.Tests.Support;

namespace Tidu.Rules.Tests.Policies;

/// <summary>The shipped policy catalogue and shortcuts to match one enterprise with projects.</summary>
public static class PolicySupport
{
    private static readonly Lazy<AwardCalculator> Shared = new(() => new AwardCalculator(PolicyCatalog.LoadDefault(), RegionTree.Shipped));

    public static AwardCalculator Calculator => Shared.Value;

    public const string District = "330108";
    public const string Hubei = "420106";

    /// <summary>The strong test firm (holds innovative and specialized SME recognitions 2024) registered in <paramref name="region"/>.</summary>
    public static EnterpriseProfile Firm(string region, params Recognition[] extra) =>
        // Only the two 2024 recognitions: the little-giant title Strong also holds would trigger the little-giant clauses.
        Profiles.Strong() with { RegionCode = region, Recognitions = [.. Profiles.Strong().Recognitions!.Where(r => r.Tier is "innovative-sme" or "specialized-sme"), .. extra] };

    public static Project Project(string id, string purpose, DateOnly date, params (string Name, decimal Value)[] amounts) => new()
    {
        CreditCode = Profiles.Strong().CreditCode,
        Id = id,
        Purpose = purpose,
        Date = date,
        Amounts = amounts.ToDictionary(a => a.Name, a => a.Value),
    };

    public static EnterpriseAwards Match(EnterpriseProfile profile, DateOnly asOf, params Project[] projects) =>
        Match(Calculator, profile, asOf, projects);

    public static EnterpriseAwards Match(AwardCalculator calculator, EnterpriseProfile profile, DateOnly asOf, params Project[] projects) =>
        calculator.Match(profile, asOf, projects, Engine.Evaluator.Evaluate(profile, asOf, explain: false));

    /// <summary>The paid amount of a clause, or null when it is not paid.</summary>
    public static decimal? Paid(this EnterpriseAwards awards, string clause)
    {
        var claims = awards.Paid.Where(c => c.Clause.Id == clause).ToList();
        return claims.Count == 0 || claims.All(c => c.Amount is null) ? null : claims.Sum(c => c.Amount ?? 0m);
    }

    public static bool IsPaid(this EnterpriseAwards awards, string clause) => awards.Paid.Any(c => c.Clause.Id == clause);
}
