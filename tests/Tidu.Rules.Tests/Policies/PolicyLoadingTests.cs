using Shouldly;
using Tidu.Rules.Files;
using Tidu.Rules.Policies;
using Xunit;

namespace Tidu.Rules.Tests.Policies;

/// <summary>A broken policy file fails loading with file:line and a reason; the tier rules skip the policies folder.</summary>
public sealed class PolicyLoadingTests
{
    private const string Header = """
        id: broken
        kind: policy
        title: 测试
        jurisdiction: "33"
        source: {title: 测试}
        versions:
          - id: "1"
            effectiveFrom: 2024-01-01
            cite: 测试
            clauses:
              - id: c1
                title: 测试条款
                support: award
                fundingLevels: [province]
                purpose: p
                cite: 测试 一

        """;

    private static IReadOnlyList<RuleLoadError> Errors(string clauseTail)
    {
        using var rules = new TempRules();
        rules.Write("policies/33/broken.yaml", Header + clauseTail);
        return Should.Throw<RuleLoadException>(() => PolicyCatalog.Load(rules.Directory)).Errors;
    }

    [Fact]
    public void Unknown_key_names_file_and_line() =>
        Errors("        trigger: {annual: true}\n        amount: {fixed: 1}\n        colour: red\n").ShouldContain(e => e.File == "policies/33/broken.yaml" && e.Line == 19 && e.Message.Contains("unknown key 'colour'"));

    [Fact]
    public void Two_formulas_are_an_error() =>
        Errors("        trigger: {annual: true}\n        amount: {fixed: 1, rate: 0.1, base: {fact: rdExpense, title: 研发费用}}\n").ShouldContain(e => e.Line == 18 && e.Message.Contains("exactly one of fixed"));

    [Fact]
    public void A_value_set_locally_needs_a_note() =>
        Errors("        trigger: {annual: true}\n        amount: {fixed: 1, setLocally: [fixed]}\n").ShouldContain(e => e.Message.Contains("localNote"));

    [Fact]
    public void Set_locally_must_name_a_key_of_the_formula() =>
        Errors("        trigger: {annual: true}\n        amount: {fixed: 1, setLocally: [rate], localNote: x}\n").ShouldContain(e => e.Message.Contains("'rate'"));

    [Fact]
    public void An_exclusivity_group_needs_a_stacking_clause_to_cite() =>
        Errors("        exclusivityGroup: g\n        trigger: {annual: true}\n        amount: {fixed: 1}\n").ShouldContain(e => e.Message.Contains("stacking"));

    [Fact]
    public void A_stage_check_takes_no_operator_and_a_check_reads_one_thing()
    {
        Errors("        trigger: {project: {purpose: listing, checks: [{id: s, title: 已上市, stage: listed, is: true}]}}\n        amount: {fixed: 1}\n").ShouldContain(e => e.Message.Contains("on a stage takes no operator"));
        Errors("        trigger: {project: {purpose: listing, checks: [{id: s, title: 已上市, stage: listed, flag: x, is: true}]}}\n        amount: {fixed: 1}\n").ShouldContain(e => e.Message.Contains("exactly one of 'amount', 'flag' or 'stage'"));
    }

    [Fact]
    public void A_project_base_needs_a_project_trigger() =>
        Errors("        trigger: {annual: true}\n        amount: {rate: 0.1, base: {project: investment, title: 投资}}\n").ShouldContain(e => e.Message.Contains("needs a project trigger"));

    [Fact]
    public void A_negative_cap_and_an_unknown_tier_are_errors()
    {
        var errors = Errors("        trigger: {recognition: {tier: giant}}\n        amount: {rate: 0.1, cap: -1, base: {fact: rdExpense, title: 研发费用}}\n");
        errors.ShouldContain(e => e.Message.Contains("'giant'"));
        errors.ShouldContain(e => e.Message.Contains("'cap' must not be negative"));
    }

    [Fact]
    public void Conditions_use_the_tier_rules_language_and_need_known_facts() =>
        Errors("        trigger: {annual: true, conditions: {id: x, title: 测试, fact: noSuchFact, ge: 1}}\n        amount: {fixed: 1}\n").ShouldContain(e => e.Message.Contains("unknown fact 'noSuchFact'"));

    [Fact]
    public void A_missing_citation_is_an_error()
    {
        using var rules = new TempRules();
        rules.Write("policies/33/broken.yaml", Header.Replace("        cite: 测试 一\n", "", StringComparison.Ordinal) + "        trigger: {annual: true}\n        amount: {fixed: 1}\n");
        Should.Throw<RuleLoadException>(() => PolicyCatalog.Load(rules.Directory)).Errors.ShouldContain(e => e.Line == 11 && e.Message.Contains("no citation"));
    }

    [Fact]
    public void The_tier_rules_ignore_the_policies_folder()
    {
        using var rules = new TempRules();
        rules.Write("policies/33/broken.yaml", "not: a tier file\n");
        Should.NotThrow(() => RuleLibrary.Load(rules.Directory));
    }
}
