using Tidu.Rules.Model;

namespace Tidu.Rules.Service;

/// <summary>A document's commissioner clauses (a file under rules/service/ of kind commissioner-assignment), with dated versions.</summary>
public sealed record CommissionerDocument(string Id, string Title, string Jurisdiction, string SourceFile, string? Number, string? SourceTitle, IReadOnlyList<CommissionerVersion> Versions)
{
    public CommissionerVersion? VersionOn(DateOnly date) =>
        Versions.FirstOrDefault(v => v.Info.EffectiveFrom <= date && (v.Info.EffectiveTo is null || date <= v.Info.EffectiveTo.Value));
}

public sealed record CommissionerVersion(RuleVersionInfo Info, IReadOnlyList<CommissionerClause> Clauses);

/// <summary>"The <see cref="Level"/> equips every enterprise holding one of <see cref="Tiers"/> with a commissioner."</summary>
public sealed record CommissionerClause(string Id, string Title, string Level, IReadOnlyList<string> Tiers, string Cite, string? Note, string DocumentId, string VersionId);

/// <summary>A category of enterprise requests (诉求), with the clause it comes from.</summary>
public sealed record RequestCategory(string Id, string Title, string Cite);

/// <summary>
/// Which level must equip an enterprise with a commissioner on a date: the highest level named by a clause that
/// applies (<see cref="Deciding"/>), and every clause that applies (the deciding one first). One commissioner
/// serves the enterprise (区实施意见（征求意见稿）二（五）15, 湖北若干措施 十: “一名”); when clauses of two levels apply — a
/// Zhejiang little giant that is also a provincial specialized SME — the higher level equips it; at the same level the
/// most local document decides (docs/web-platform.md).
/// </summary>
public sealed record CommissionerRequirement(string Level, CommissionerClause Deciding, IReadOnlyList<CommissionerClause> Applying, IReadOnlyList<string> MatchedTiers);
