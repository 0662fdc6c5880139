using Shouldly;
using Tidu.Rules.Calendar;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Model.Scoring;
using Tidu.Rules.Policies;
using Tidu.Rules.Service;
using Tidu.Rules.Tests.Policies;
using Xunit;

namespace Tidu.Rules.Tests.Files;

/// <summary>
/// Meta-tests over the shipped verification records: every version of every file says what it was checked against
/// (or that it was not), and no value is at once recorded as verified and noted as still to be checked.
/// </summary>
public sealed class VerificationRecordTests
{
    private static readonly RuleLibrary Library = RuleLibrary.LoadDefault();

    // Words a note uses for “not yet checked against the text”.
    private static readonly string[] Pending = ["待核实", "待对照", "未核实", "to verify"];

    private static bool SaysPending(string? text) => text is not null && Pending.Any(p => text.Contains(p, StringComparison.Ordinal));

    private static IEnumerable<RuleVersionInfo> AllVersions()
    {
        foreach (var tier in Library.Tiers)
        {
            foreach (var v in tier.Versions)
            {
                yield return v.Info;
            }
        }
        foreach (var v in Library.Conditions.Values.SelectMany(s => s.Versions))
        {
            yield return v.Info;
        }
        foreach (var v in Library.SizeClass.Versions)
        {
            yield return v.Info;
        }
        foreach (var v in PolicySupport.Calculator.Catalog.Documents.SelectMany(d => d.Versions))
        {
            yield return v.Info;
        }
        foreach (var v in ServiceRules.LoadDefault(Library.Tiers.Select(t => t.Id)).Documents.SelectMany(d => d.Versions))
        {
            yield return v.Info;
        }
    }

    private static IEnumerable<Condition> Walk(Condition c) => new[] { c }.Concat(c.Members.SelectMany(Walk));

    [Fact]
    public void Every_shipped_version_has_a_verification_record()
    {
        AllVersions().Where(i => ReferenceEquals(i.Verification, Verification.NotRecorded))
            .Select(i => $"{i.RuleSetId}/{i.VersionId}").ShouldBeEmpty();
    }

    [Fact]
    public void Every_holiday_notice_has_a_verification_record()
    {
        var notices = WorkingDayCalendar.LoadDefault().Years.SelectMany(y => y.Notices).ToList();
        notices.ShouldNotBeEmpty();
        notices.Where(n => ReferenceEquals(n.Verification, Verification.NotRecorded)).Select(n => n.Title).ShouldBeEmpty();
    }

    [Fact]
    public void A_verified_record_names_its_date_its_reading_and_a_full_text()
    {
        foreach (var info in AllVersions())
        {
            foreach (var record in new[] { info.Verification }.Concat(info.Verification.Values.Values).Where(r => r.IsVerified))
            {
                record.On.ShouldNotBeNull($"{info.RuleSetId}/{info.VersionId}");
                record.By.ShouldNotBeNullOrWhiteSpace($"{info.RuleSetId}/{info.VersionId}");
                record.Against.ShouldContain(a => a.Copy != CopyKind.Secondary, $"{info.RuleSetId}/{info.VersionId}");
            }
        }
    }

    [Fact]
    public void No_verified_version_is_noted_as_still_to_be_checked()
    {
        AllVersions().Where(i => i.Verification.IsVerified && (SaysPending(i.Note) || SaysPending(i.Verification.Note)))
            .Select(i => $"{i.RuleSetId}/{i.VersionId}").ShouldBeEmpty();
    }

    [Fact]
    public void No_verified_value_is_noted_as_still_to_be_checked()
    {
        var both = new List<string>();
        foreach (var info in AllVersions())
        {
            both.AddRange(info.Verification.Values.Where(kv => kv.Value.IsVerified && SaysPending(kv.Value.Note)).Select(kv => $"{info.RuleSetId}/{kv.Key}"));
        }
        foreach (var tier in Library.Tiers)
        {
            foreach (var v in tier.Versions)
            {
                both.AddRange(Walk(v.Qualify).Where(c => v.Info.Verification.For(c.Id).IsVerified && SaysPending(c.Note)).Select(c => $"{tier.Id}/{v.Info.VersionId}/{c.Id}"));
                both.AddRange((v.Score?.Indicators ?? []).Where(i => v.Info.Verification.For(i.Id).IsVerified && SaysPending(i.Note)).Select(i => $"{tier.Id}/{v.Info.VersionId}/{i.Id}"));
            }
        }
        foreach (var set in Library.Conditions.Values)
        {
            foreach (var v in set.Versions)
            {
                both.AddRange(Walk(v.Conditions).Where(c => v.Info.Verification.For(c.Id).IsVerified && SaysPending(c.Note)).Select(c => $"{set.Id}/{v.Info.VersionId}/{c.Id}"));
            }
        }
        foreach (var clause in PolicySupport.Calculator.Catalog.AllClauses.Where(c => c.Verification.IsVerified))
        {
            if (SaysPending(clause.Note) || SaysPending(clause.Benefit) || SaysPending(clause.Amount?.LocalNote))
            {
                both.Add(clause.Id);
            }
        }
        both.ShouldBeEmpty();
    }

    [Fact]
    public void A_version_checked_against_a_reprint_with_values_seen_only_in_restatements_is_partly_unverified()
    {
        // 工信部政法〔2023〕138号: 第一至五条 read in a full reprint; the numbers of the 认定标准 only in restatements.
        var record = Library.Tiers.Single(t => t.Id == "single-champion-enterprise").Versions.Single(v => v.Info.VersionId == "2023").Info.Verification;
        record.IsVerified.ShouldBeTrue();
        record.For("single-champion.2023.market").Label.ShouldBe("待核实");
        record.For("single-champion.2023.market").Against.ShouldAllBe(a => a.Copy == CopyKind.Secondary);
        record.For("single-champion.2023.market.global").Label.ShouldBe("待核实"); // handed down from its group
        record.For("single-champion-enterprise").Label.ShouldBe("已核实");
        record.VersionLabel.ShouldBe("部分待核实");
    }
}
