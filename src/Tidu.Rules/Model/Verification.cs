namespace Tidu.Rules.Model;

/// <summary>Whether a value was checked against the text of its source.</summary>
public enum VerificationStatus
{
    /// <summary>Checked against the original or an official reprint of the text.</summary>
    Verified,

    /// <summary>Not checked against such a text (at most against a secondary source): shown as 待核实.</summary>
    Unverified,
}

/// <summary>What kind of copy of a document a value was compared with.</summary>
public enum CopyKind
{
    /// <summary>The issuer's own publication (its website, gazette, the signed PDF).</summary>
    Primary,

    /// <summary>A full-text reprint by a government body or a news agency, or a full-text compilation.</summary>
    Reprint,

    /// <summary>A restatement, summary or unofficial copy (a consultancy page, a forwarding notice that restates).</summary>
    Secondary,
}

/// <summary>One text a value was compared with: the document, the article, what kind of copy, and where it was read.</summary>
public sealed record SourceCheck(string Document, string? Article, CopyKind Copy, string Where);

/// <summary>
/// The verification record of a rule version (or of one value in it): its status, when it was checked, by which
/// reading, against which texts — or that it is unverified and why. Values whose record differs from the version's
/// are listed by id in <see cref="Values"/>.
/// </summary>
public sealed record Verification(
    VerificationStatus Status,
    DateOnly? On,
    string? By,
    IReadOnlyList<SourceCheck> Against,
    string? Note,
    IReadOnlyDictionary<string, Verification> Values)
{
    /// <summary>The Chinese label shown beside a value: 已核实 or 待核实.</summary>
    public const string VerifiedLabel = "已核实";
    public const string UnverifiedLabel = "待核实";

    /// <summary>A version whose file records nothing: unverified, and it says so.</summary>
    public static Verification NotRecorded { get; } = new(VerificationStatus.Unverified, null, null, [], "未记录核实情况", new Dictionary<string, Verification>());

    public bool IsVerified => Status == VerificationStatus.Verified;

    public string Label => IsVerified ? VerifiedLabel : UnverifiedLabel;

    /// <summary>The record of the value <paramref name="id"/> (a check, indicator or clause id): its own, or the version's.</summary>
    public Verification For(string? id) => id is not null && Values.TryGetValue(id, out var own) ? own : this;

    /// <summary>
    /// This record with a group's own record handed down to the checks under it that have none: a group recorded as
    /// unverified (“全球前3或国内第1”) makes each of its alternatives unverified where it is shown.
    /// </summary>
    public Verification InheritedBy(Conditions.Condition root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return InheritedBy(Pairs(root, null));

        static IEnumerable<(string Id, string? Parent)> Pairs(Conditions.Condition c, string? parent) =>
            new[] { (c.Id, parent) }.Concat(c.Members.SelectMany(m => Pairs(m, c.Id)));
    }

    /// <summary>The same over (id, parent id) pairs listed parents first, as <c>tidu rules show</c> flattens a version.</summary>
    public Verification InheritedBy(IEnumerable<(string Id, string? Parent)> tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (Values.Count == 0)
        {
            return this;
        }
        var values = new Dictionary<string, Verification>(Values, StringComparer.Ordinal);
        foreach (var (id, parent) in tree)
        {
            if (!values.ContainsKey(id) && parent is not null && values.TryGetValue(parent, out var inherited))
            {
                values[id] = inherited;
            }
        }
        return values.Count == Values.Count ? this : this with { Values = values };
    }

    /// <summary>True when the version or any of its values is unverified.</summary>
    public bool AnyUnverified => !IsVerified || Values.Values.Any(v => !v.IsVerified);

    /// <summary>The label of a whole version: 已核实, 待核实, or 部分待核实 when only some of its values are unverified.</summary>
    public string VersionLabel => !IsVerified ? UnverifiedLabel : AnyUnverified ? "部分" + UnverifiedLabel : VerifiedLabel;

    /// <summary>One line in Chinese: status, date, reading and texts (for tables and pages).</summary>
    public string Describe()
    {
        var parts = new List<string> { Label };
        if (On is { } on)
        {
            parts.Add(on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrWhiteSpace(By))
        {
            parts.Add(By);
        }
        if (Against.Count > 0)
        {
            parts.Add("对照：" + string.Join("；", Against.Select(a => $"{a.Document}{(a.Article is null ? "" : " " + a.Article)}（{CopyLabel(a.Copy)}，{a.Where}）")));
        }
        if (!string.IsNullOrWhiteSpace(Note))
        {
            parts.Add(Note);
        }
        return string.Join("，", parts);
    }

    /// <summary>Two records are equal when they say the same (the lists compared item by item, the values by id).</summary>
    public bool Equals(Verification? other) =>
        other is not null
        && Status == other.Status && On == other.On && By == other.By && Note == other.Note
        && Against.SequenceEqual(other.Against)
        && Values.Count == other.Values.Count
        && Values.All(kv => other.Values.TryGetValue(kv.Key, out var o) && kv.Value.Equals(o));

    public override int GetHashCode() => HashCode.Combine(Status, On, By, Note, Against.Count, Values.Count);

    public static string CopyLabel(CopyKind copy) => copy switch
    {
        CopyKind.Primary => "原文",
        CopyKind.Reprint => "全文转载",
        _ => "二手资料",
    };

    public static string CopyName(CopyKind copy) => copy switch
    {
        CopyKind.Primary => "primary",
        CopyKind.Reprint => "reprint",
        _ => "secondary",
    };
}
