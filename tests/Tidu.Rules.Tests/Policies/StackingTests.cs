using Shouldly;
using Tidu.Domain.Regions;
using Tidu.Rules.Policies;
using Xunit;
using static Tidu.Rules.Tests.Policies.PolicySupport;

namespace Tidu.Rules.Tests.Policies;

/// <summary>
/// 从高、从优、不重复 (the district's draft opinions 三.1): a city clause and the district clause for the same project are paid once, the
/// higher; different purposes add up. The city clause is a test fixture (no city document is in the seeds).
/// </summary>
public sealed class StackingTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2024, 12, 31);
    private static readonly DateOnly Day = new(2024, 7, 1);
    private readonly TempRules _rules = new();
    private readonly AwardCalculator _calculator;

    public StackingTests()
    {
        _rules.Write("policies/330100/city-test.yaml", """
            id: city-test
            kind: policy
            title: 杭州市测试政策（测试用）
            jurisdiction: "330100"
            source: {title: 测试用市级文件}
            stacking: {rule: 从高、从优、不重复, cite: 测试用}
            versions:
              - id: "1"
                effectiveFrom: 2022-01-01
                cite: 测试用市级文件
                clauses:
                  - id: city-rd-centre.provincial
                    title: 市级对省级研发中心奖励（测试）
                    support: award
                    fundingLevels: [city]
                    purpose: rd-centre
                    exclusivityGroup: rd-centre
                    cite: 测试用 一
                    trigger:
                      project: {purpose: rd-centre, levels: [provincial]}
                    amount: {fixed: AMOUNT}
            """.Replace("AMOUNT", "80", StringComparison.Ordinal));
        _calculator = new AwardCalculator(PolicyCatalog.Load(_rules.Directory), RegionTree.Shipped);
    }

    public void Dispose() => _rules.Dispose();

    [Fact]
    public void District_and_city_clause_for_the_same_project_pay_once_the_higher()
    {
        var awards = Match(_calculator, Firm(District), AsOf, Project("C1", "rd-centre", Day) with { Level = "provincial" });
        awards.Paid.Where(c => c.Clause.Purpose == "rd-centre").Select(c => (c.Clause.Id, c.Amount)).ShouldBe([("city-rd-centre.provincial", (decimal?)80m)]);
        var dropped = awards.Excluded.Single();
        dropped.Clause.Id.ShouldBe("d-rd-centre.provincial");
        dropped.Amount.ShouldBe(50m);
        dropped.ExcludedBy.ShouldBe("city-rd-centre.provincial");
        dropped.ExclusionCite.ShouldNotBeNull().ShouldContain("从高、从优、不重复");
    }

    [Fact]
    public void Two_projects_of_the_same_purpose_are_two_payments()
    {
        var awards = Match(_calculator, Firm(District), AsOf, Project("C1", "rd-centre", Day) with { Level = "provincial" }, Project("C2", "rd-centre", Day) with { Level = "city" });
        awards.Paid.Where(c => c.Clause.Purpose == "rd-centre").Sum(c => c.Amount).ShouldBe(100m); // 80 (city, higher than district 50) + 20
    }

    [Fact]
    public void Different_purposes_add_up()
    {
        var awards = Match(_calculator, Firm(District), AsOf, Project("C1", "rd-centre", Day) with { Level = "provincial" }, Project("S1", "first-set", Day));
        awards.Paid("city-rd-centre.provincial").ShouldBe(80m);
        awards.Paid("d-first-set").ShouldBe(50m);
        awards.Excluded.Count.ShouldBe(1);
    }

    [Fact]
    public void The_city_clause_does_not_reach_a_firm_outside_the_city() =>
        Match(_calculator, Firm(Hubei), AsOf, Project("C1", "rd-centre", Day) with { Level = "provincial" }).Paid.Where(c => c.ProjectKey == "project:C1").ShouldBeEmpty();
}
