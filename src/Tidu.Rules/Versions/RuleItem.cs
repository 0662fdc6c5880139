namespace Tidu.Rules.Versions;

/// <summary>
/// One node of a rule version as written in its file — a check, a group, an include, a scoring indicator, a
/// score dimension or a size-class group — flattened in document order for showing and comparing versions.
/// </summary>
/// <param name="Id">The id in the rule file (unique within a version).</param>
/// <param name="Category">check, group (all/any/atLeast/include), indicator, dimension or size-group: items are compared only within a category.</param>
/// <param name="Kind">check, all, any, atLeast, include, indicator, dimension, size-group.</param>
/// <param name="Section">Where the item sits: qualify, score, conditions or groups.</param>
/// <param name="Title">The Chinese title.</param>
/// <param name="Parent">Id of the enclosing item, null at the top of its section.</param>
/// <param name="Depth">Nesting depth within the version, for indentation.</param>
/// <param name="Cite">The citation in force for this item (its own, or inherited from its group or version).</param>
/// <param name="Fact">The fact read with its arguments, e.g. <c>rdExpense(year=-1)</c>; null for groups.</param>
/// <param name="Requirement">The threshold or table in symbols, e.g. <c>≥ 100 万元</c>, <c>[0.8, ∞) → 5; …</c>.</param>
/// <param name="Fields">Every key of the item in the file (title, parent, cite, operator, bands, …), rendered as text.</param>
public sealed record RuleItem(
    string Id,
    string Category,
    string Kind,
    string Section,
    string Title,
    string? Parent,
    int Depth,
    string? Cite,
    string? Fact,
    string Requirement,
    IReadOnlyList<ItemField> Fields)
{
    /// <summary>The value of one field, or null when the item does not set it.</summary>
    public string? Field(string name) => Fields.FirstOrDefault(a => a.Name == name)?.Value;
}

/// <summary>One key of a rule item and its value as text (numbers in invariant culture, without trailing zeros).</summary>
public sealed record ItemField(string Name, string Value);
