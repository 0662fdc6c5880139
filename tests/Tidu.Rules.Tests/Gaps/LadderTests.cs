using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Gaps;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Profiles;

namespace Tidu.Rules.Tests.Gaps;

/// <summary>Next-tier advice from the recognitions held, on the ladder the rule files declare (innovative → specialized → little giant).</summary>
public sealed class LadderTests
{
    private static readonly Recognition Innovative = new("innovative-sme", new DateOnly(2024, 6, 1), new DateOnly(2027, 5, 31), null);
    private static readonly Recognition Specialized = new("specialized-sme", new DateOnly(2024, 10, 1), new DateOnly(2027, 9, 30), null);
    private static readonly Recognition LittleGiant = new("little-giant", new DateOnly(2025, 7, 1), new DateOnly(2028, 6, 30), null);
    private static readonly Recognition ExpiredSpecialized = new("specialized-sme", new DateOnly(2022, 10, 1), new DateOnly(2025, 9, 30), null);

    public static TheoryData<Recognition[], string[]> Cases => new()
    {
        { [], ["innovative-sme"] },
        { [Innovative], ["specialized-sme"] },
        { [Innovative, Specialized], ["little-giant"] },
        { [Specialized], ["little-giant"] },
        { [Innovative, ExpiredSpecialized], ["specialized-sme"] },
        { [Innovative, Specialized, LittleGiant], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_next_rung_follows_the_highest_recognition_held(Recognition[] held, string[] next) =>
        Ladder.NextRungs(Engine.Evaluator.Library, Strong() with { Recognitions = held }, AsOf2026Rules).ShouldBe(next);

    [Fact]
    public void Next_tier_advice_gives_the_gap_of_the_next_rung()
    {
        var profile = Strong().WithYear(2025, f => f with { RdExpense = 300m }) with { Recognitions = [Innovative, Specialized] };
        var gap = new GapAnalyzer(Engine.Evaluator).NextTiers(profile, AsOf2026Rules).ShouldHaveSingleItem();
        gap.Tier.ShouldBe("little-giant");
        gap.Next.ShouldBeTrue();
        gap.Reachable.ShouldBeTrue();
        gap.Changes.ShouldContain(c => c.Path == "/financials/2/rdExpense");
    }

    [Fact]
    public void The_ladder_is_read_from_the_rule_files()
    {
        var tiers = Engine.Evaluator.Library.Tiers.ToDictionary(t => t.Id);
        tiers["innovative-sme"].Ladder!.IsStart.ShouldBeTrue();
        tiers["specialized-sme"].Ladder!.After.ShouldBe("innovative-sme");
        tiers["little-giant"].Ladder!.After.ShouldBe("specialized-sme");
    }
}
