using System.Globalization;
using System.Text.Json;

namespace Tidu.Rules.Policies;

/// <summary>The JSON of one enterprise's awards (docs/policies.md): claims with formula, inputs, caps and citation; exclusions; services; near misses; totals.</summary>
public static class AwardsJsonWriter
{
    public static void Write(Utf8JsonWriter w, EnterpriseAwards a)
    {
        w.WriteStartObject();
        w.WriteString("creditCode", a.CreditCode);
        w.WriteString("name", a.Name);
        w.WriteString("regionCode", a.RegionCode);
        w.WriteString("asOf", a.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteNumber("total", a.Total);
        w.WriteStartObject("totalsByFundingLevel");
        foreach (var (level, sum) in a.TotalsByFundingLevel)
        {
            w.WriteNumber(level, sum);
        }
        w.WriteEndObject();
        w.WriteNumber("perCaseClaims", a.PerCaseCount);
        w.WriteNumber("unstatedClaims", a.UnstatedCount);
        w.WriteStartArray("claims");
        foreach (var c in a.Paid)
        {
            Claim(w, c);
        }
        w.WriteEndArray();
        w.WriteStartArray("excluded");
        foreach (var c in a.Excluded)
        {
            Claim(w, c);
        }
        w.WriteEndArray();
        w.WriteStartArray("services");
        foreach (var c in a.Services)
        {
            w.WriteStartObject();
            Clause(w, c.Clause);
            w.WriteString("occasion", c.OccasionText);
            w.WriteString("benefit", c.Clause.Benefit);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("nearMisses");
        foreach (var n in a.NearMisses)
        {
            w.WriteStartObject();
            Clause(w, n.Clause);
            w.WriteString("occasion", n.OccasionText);
            w.WriteStartArray("missing");
            foreach (var m in n.Missing)
            {
                w.WriteStringValue(m);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (a.NotAssessable.Count > 0)
        {
            w.WriteStartArray("notAssessable");
            foreach (var t in a.NotAssessable)
            {
                w.WriteStartObject();
                w.WriteString("tier", t.Tier);
                w.WriteString("title", t.Title);
                w.WriteString("reason", t.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Claim(Utf8JsonWriter w, Claim c)
    {
        w.WriteStartObject();
        Clause(w, c.Clause);
        w.WriteString("occasion", c.OccasionText);
        w.WriteString("projectKey", c.ProjectKey);
        if (c.Amount is { } amount)
        {
            w.WriteNumber("amount", amount);
        }
        else
        {
            w.WriteNull("amount");
        }
        w.WriteString("bound", c.Clause.Amount!.Bound switch { AmountBound.UpTo => "upTo", AmountBound.AtLeast => "atLeast", _ => "exact" });
        w.WriteString("formula", c.Formula);
        if (c.Clause.Benefit is { } benefit)
        {
            w.WriteString("benefit", benefit);
        }
        w.WriteStartArray("inputs");
        foreach (var i in c.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("name", i.Name);
            w.WriteString("title", i.Title);
            w.WriteNumber("value", i.Value);
            w.WriteString("source", i.Source);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("caps");
        foreach (var cap in c.Caps)
        {
            w.WriteStartObject();
            w.WriteString("kind", cap.Kind);
            w.WriteNumber("limit", cap.Limit);
            w.WriteNumber("before", cap.Before);
            w.WriteNumber("after", cap.After);
            w.WriteBoolean("applied", cap.After < cap.Before);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (c.Clause.Amount.SetLocally.Count > 0)
        {
            w.WriteStartArray("setLocally");
            foreach (var s in c.Clause.Amount.SetLocally)
            {
                w.WriteStringValue(s);
            }
            w.WriteEndArray();
            w.WriteString("localNote", c.Clause.Amount.LocalNote);
        }
        if (c.ExcludedBy is not null)
        {
            w.WriteString("excludedBy", c.ExcludedBy);
            w.WriteString("exclusionRule", c.ExclusionCite);
        }
        w.WriteEndObject();
    }

    private static void Clause(Utf8JsonWriter w, PolicyClause c)
    {
        w.WriteString("clause", c.Id);
        w.WriteString("title", c.Title);
        w.WriteString("policy", c.Document.Id);
        w.WriteString("jurisdiction", c.Document.Jurisdiction);
        w.WriteString("fundingLevel", c.FundingKey);
        w.WriteString("purpose", c.Purpose);
        w.WriteString("cite", c.Cite);
        w.WriteString("effectiveFrom", c.Version.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (c.Version.EffectiveTo is { } to)
        {
            w.WriteString("effectiveTo", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (c.Note is not null)
        {
            w.WriteString("note", c.Note);
        }
        w.WriteString("verification", c.Verification.Label);
    }
}
