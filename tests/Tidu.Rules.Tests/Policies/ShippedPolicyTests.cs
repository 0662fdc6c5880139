using Shouldly;
using Tidu.Rules.Policies;
using Xunit;

namespace Tidu.Rules.Tests.Policies;

/// <summary>Meta-tests over the shipped catalogue: every clause of domain/policies.md is encoded, cited and dated.</summary>
public sealed class ShippedPolicyTests
{
    // Clause ids of the support rows of domain/policies.md (targets and monitoring rows are data/targets.csv).
    public static readonly TheoryData<string> SeedClauses = new(
        "zj-2022-overseas-rd", "zj-2022-rd-extra-deduction", "zj-2022-procurement-reserve", "zj-2022-guarantee", "zj-2022-commissioner.city", "zj-2022-commissioner.county",
        "d-tier-award.single-champion", "d-tier-award.little-giant", "d-tier-award.hidden-champion", "d-tier-award.specialized-sme", "d-first-set",
        "d-rd-centre.national", "d-rd-centre.provincial", "d-rd-centre.city", "d-common-platform", "d-innovation-voucher", "d-ip-pledge", "d-guarantee",
        "d-vc-backed", "d-listing.domestic", "d-listing.overseas", "d-digital", "d-expo-host", "d-expo-booth", "d-commissioner",
        "hb-rd-platform", "hb-rd-platform.spillover", "hb-national-centre", "hb-national-lab", "hb-open-competition", "hb-identifier-node", "hb-little-giant",
        "hb-tech-upgrade", "hb-commissioner",
        "zj-2024-rd-award", "zj-2024-rd-award.basic-research", "zj-2024-voucher-insurance",
        "cn-policy-finds-enterprise", "cn-bank-list-push", "cn-commissioner", "cn-little-giant-half-fee", "cn-key-little-giant-fund");

    [Theory]
    [MemberData(nameof(SeedClauses))]
    public void Every_seed_clause_is_encoded_with_a_citation_and_dates(string id)
    {
        var clause = PolicySupport.Calculator.Catalog.AllClauses.SingleOrDefault(c => c.Id == id);
        clause.ShouldNotBeNull();
        clause.Cite.ShouldNotBeNullOrWhiteSpace();
        clause.Version.Cite.ShouldNotBeNullOrWhiteSpace();
        clause.FundingLevels.ShouldNotBeEmpty();
        (clause.Support == SupportKind.Service ? clause.Benefit : clause.Amount?.Kind.ToString()).ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_catalogue_has_no_clause_beyond_the_seed_list()
    {
        var listed = SeedClauses.Select(r => (string)r.Data).ToHashSet();
        PolicySupport.Calculator.Catalog.AllClauses.Select(c => c.Id).Where(id => !listed.Contains(id)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_value_set_locally_is_documented()
    {
        foreach (var c in PolicySupport.Calculator.Catalog.AllClauses.Where(c => c.Amount is { SetLocally.Count: > 0 }))
        {
            c.Amount!.LocalNote.ShouldNotBeNullOrWhiteSpace(c.Id);
        }
        PolicySupport.Calculator.Catalog.AllClauses.Count(c => c.Amount is { SetLocally.Count: > 0 }).ShouldBe(7);
    }

    [Fact]
    public void Every_policy_file_cites_its_seed_or_document_number()
    {
        foreach (var d in PolicySupport.Calculator.Catalog.Documents)
        {
            (d.Seed ?? d.Number).ShouldNotBeNullOrWhiteSpace(d.Id);
        }
    }
}
