using Shouldly;
using Tidu.Rules.Files;
using Tidu.Rules.Model;
using Tidu.Rules.Policies;
using Xunit;

namespace Tidu.Rules.Tests.Policies;

/// <summary>
/// A verification record says truthfully what a value was checked against: loading refuses a “verified” without the
/// day, the reading or a full text, an “unverified” without a reason, and a per-value record naming no value.
/// </summary>
public sealed class VerificationLoadingTests
{
    private static string File(string verification) => $$"""
        id: checked
        kind: policy
        title: 测试
        jurisdiction: "33"
        source: {title: 测试}
        versions:
          - id: "1"
            effectiveFrom: 2024-01-01
            cite: 测试
            verification:
        {{verification}}
            clauses:
              - id: c1
                title: 测试条款
                support: award
                fundingLevels: [province]
                purpose: p
                cite: 测试 一
                trigger: {annual: true}
                amount: {fixed: 1}

        """;

    private static PolicyCatalog Load(string verification)
    {
        using var rules = new TempRules();
        rules.Write("policies/33/checked.yaml", File(verification));
        return PolicyCatalog.Load(rules.Directory);
    }

    private static IReadOnlyList<RuleLoadError> Errors(string verification) => Should.Throw<RuleLoadException>(() => Load(verification)).Errors;

    private const string Reprint = "        - {document: 测试〔2024〕1号, article: 一, copy: reprint, where: 某市政府网站全文转载}";

    [Fact]
    public void A_verified_record_with_its_day_reading_and_a_reprint_loads_and_a_value_can_differ()
    {
        var catalog = Load($"""
                  status: verified
                  on: 2026-12-06
                  by: 逐项对照
                  against:
            {Reprint}
                  values:
                    - id: c1
                      status: unverified
                      note: 金额只见于转述
            """);
        var clause = catalog.AllClauses.Single(c => c.Id == "c1");
        clause.Version.Verification.IsVerified.ShouldBeTrue();
        clause.Version.Verification.On.ShouldBe(new DateOnly(2026, 12, 6));
        clause.Version.Verification.Against.Single().Copy.ShouldBe(CopyKind.Reprint);
        clause.Verification.Label.ShouldBe("待核实");
        clause.Version.Verification.VersionLabel.ShouldBe("部分待核实");
    }

    [Fact]
    public void Verified_needs_the_day_and_the_reading() =>
        Errors($"""
                  status: verified
                  against:
            {Reprint}
            """).ShouldContain(e => e.File == "policies/33/checked.yaml" && e.Message.Contains("needs 'on' (the day) and 'by' (the reading)"));

    [Fact]
    public void A_secondary_source_alone_does_not_verify() =>
        Errors("""
                  status: verified
                  on: 2026-12-06
                  by: 逐项对照
                  against:
                    - {document: 测试〔2024〕1号, copy: secondary, where: 咨询机构网页}
            """).ShouldContain(e => e.Message.Contains("at least one original (primary) or full-text reprint"));

    [Fact]
    public void Unverified_needs_a_reason() =>
        Errors("""
                  status: unverified
            """).ShouldContain(e => e.Message.Contains("needs a 'note'"));

    [Theory]
    [InlineData("checked")]
    [InlineData("")]
    public void The_status_is_verified_or_unverified(string status) =>
        Errors($"""
                  status: {status}
                  note: x
            """).ShouldContain(e => e.Message.Contains("must be verified or unverified"));

    [Fact]
    public void A_copy_must_be_primary_reprint_or_secondary() =>
        Errors("""
                  status: unverified
                  note: x
                  against:
                    - {document: 测试, copy: photocopy, where: 某处}
            """).ShouldContain(e => e.Message.Contains("'copy' (primary, reprint or secondary)"));

    [Fact]
    public void A_per_value_record_must_name_a_value_of_the_version() =>
        Errors("""
                  status: unverified
                  note: x
                  values:
                    - {id: no-such-clause, status: unverified, note: y}
            """).ShouldContain(e => e.Message.Contains("no-such-clause"));

    [Fact]
    public void A_file_without_a_record_loads_as_not_recorded()
    {
        using var rules = new TempRules();
        rules.Write("policies/33/checked.yaml", File("").Replace("    verification:\n", "", StringComparison.Ordinal));
        PolicyCatalog.Load(rules.Directory).AllClauses.Single(c => c.Id == "c1").Verification.ShouldBeSameAs(Verification.NotRecorded);
    }
}
