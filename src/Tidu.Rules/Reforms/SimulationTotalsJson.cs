using System.Globalization;
using System.Text.Json;
using Side = Tidu.Rules.Reforms.SimulationTotals.Side;

namespace Tidu.Rules.Reforms;

/// <summary>
/// The totals of a shard of a simulation as JSON, read back whole: every count, every amount with its decimal places
/// (as text, so 1.50 stays 1.50 and sums come out as one run's), the tiers in the order met and the changes in input order.
/// </summary>
public static class SimulationTotalsJson
{
    public static void Write(Utf8JsonWriter w, SimulationTotals t)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(t);
        w.WriteStartObject();
        w.WriteNumber("enterprises", t.Enterprises);
        w.WriteStartArray("tiers");
        foreach (var tier in t.Tiers)
        {
            w.WriteStringValue(tier);
        }
        w.WriteEndArray();
        Rows(w, "qualifiedBySize", t.QualifiedBySize, (k, v) => Row(w, k.Side, k.Tier, k.SizeClass, v));
        Rows(w, "qualifiedByRegion", t.QualifiedByRegion, (k, v) => Row(w, k.Side, k.Tier, k.Region, v));
        Rows(w, "budgetByClause", t.BudgetByClause, (k, v) =>
        {
            w.WriteNumberValue((int)k.Side);
            w.WriteStringValue(k.Clause);
            w.WriteNumberValue(v.Claims);
            w.WriteStringValue(Amount(v.Amount));
        });
        Rows(w, "benefitsByClause", t.BenefitsByClause, (k, v) =>
        {
            w.WriteNumberValue((int)k.Side);
            w.WriteStringValue(k.Clause);
            w.WriteNumberValue(v);
        });
        Rows(w, "budgetByLevel", t.BudgetByLevel, (k, v) =>
        {
            w.WriteNumberValue((int)k.Side);
            w.WriteStringValue(k.Level);
            w.WriteStringValue(Amount(v));
        });
        w.WriteStartArray("changes");
        foreach (var c in t.Changes)
        {
            w.WriteStartArray();
            w.WriteStringValue(c.CreditCode);
            w.WriteStringValue(c.Name);
            w.WriteStringValue(c.RegionCode);
            w.WriteStringValue(c.Tier);
            w.WriteBooleanValue(c.Gained);
            w.WriteStartArray();
            foreach (var f in c.Flipped)
            {
                w.WriteStartArray();
                w.WriteStringValue(f.Id);
                w.WriteStringValue(f.Title);
                w.WriteStringValue(f.Baseline);
                w.WriteStringValue(f.Reform);
                w.WriteStringValue(f.Cite);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static SimulationTotals Read(JsonElement o)
    {
        var t = new SimulationTotals();
        t.SetEnterprises(o.GetProperty("enterprises").GetInt64());
        t.Tiers.AddRange(o.GetProperty("tiers").EnumerateArray().Select(e => e.GetString()!));
        foreach (var r in o.GetProperty("qualifiedBySize").EnumerateArray())
        {
            t.QualifiedBySize[(SideOf(r[0]), r[1].GetString()!, r[2].GetString()!)] = r[3].GetInt64();
        }
        foreach (var r in o.GetProperty("qualifiedByRegion").EnumerateArray())
        {
            t.QualifiedByRegion[(SideOf(r[0]), r[1].GetString()!, r[2].GetString()!)] = r[3].GetInt64();
        }
        foreach (var r in o.GetProperty("budgetByClause").EnumerateArray())
        {
            t.BudgetByClause[(SideOf(r[0]), r[1].GetString()!)] = (r[2].GetInt64(), AmountOf(r[3]));
        }
        foreach (var r in o.GetProperty("benefitsByClause").EnumerateArray())
        {
            t.BenefitsByClause[(SideOf(r[0]), r[1].GetString()!)] = r[2].GetInt64();
        }
        foreach (var r in o.GetProperty("budgetByLevel").EnumerateArray())
        {
            t.BudgetByLevel[(SideOf(r[0]), r[1].GetString()!)] = AmountOf(r[2]);
        }
        foreach (var c in o.GetProperty("changes").EnumerateArray())
        {
            var flipped = c[5].EnumerateArray().Select(f => new FlippedCheck(f[0].GetString()!, f[1].GetString()!, f[2].GetString(), f[3].GetString(), f[4].GetString())).ToList();
            t.Changes.Add(new TierChange(c[0].GetString()!, c[1].GetString()!, c[2].GetString()!, c[3].GetString()!, c[4].GetBoolean(), flipped));
        }
        return t;
    }

    private static void Rows<TKey, TValue>(Utf8JsonWriter w, string name, Dictionary<TKey, TValue> rows, Action<TKey, TValue> row)
        where TKey : notnull
    {
        w.WriteStartArray(name);
        foreach (var (key, value) in rows)
        {
            w.WriteStartArray();
            row(key, value);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static void Row(Utf8JsonWriter w, Side side, string tier, string key, long count)
    {
        w.WriteNumberValue((int)side);
        w.WriteStringValue(tier);
        w.WriteStringValue(key);
        w.WriteNumberValue(count);
    }

    private static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static decimal AmountOf(JsonElement e) => decimal.Parse(e.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static Side SideOf(JsonElement e) => (Side)e.GetInt32();
}
