using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tidu.Data.Entities;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;

namespace Tidu.Data.Registry;

/// <summary>
/// Moves an exchange-format profile into the tables and back. The way back goes through the exchange-format
/// parser, so a stored file is validated exactly like an imported one and new format fields need no code here.
/// </summary>
public static class ProfileMapping
{
    private static readonly string[] ColumnKeys = ["creditCode", "name", "regionCode", "industryCode", "financials", "recognitions", "honors"];

    /// <summary>
    /// Writes <paramref name="profile"/> into <paramref name="target"/>, changing only what differs; true when something
    /// did. Recognitions are written only when <paramref name="includeRecognitions"/>: they are issued by the procedure
    /// or an official list, not by a file edit.
    /// </summary>
    public static bool Apply(EnterpriseProfile profile, Enterprise target, RegionTree regions, bool includeRecognitions)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(regions);
        var (province, city) = Ancestors(profile.RegionCode, regions);
        var changed = Set(target.Name, profile.Name, v => target.Name = v);
        changed |= Set(target.RegionCode, profile.RegionCode, v => target.RegionCode = v);
        changed |= Set(target.ProvinceCode, province, v => target.ProvinceCode = v);
        changed |= Set(target.CityCode, city, v => target.CityCode = v);
        changed |= Set(target.IndustryCode, profile.IndustryCode, v => target.IndustryCode = v);
        changed |= Set(target.EstablishedOn, profile.EstablishedOn, v => target.EstablishedOn = v);
        changed |= Set(target.Attributes, AttributesJson(profile), v => target.Attributes = v);
        changed |= SyncFinancials(profile, target);
        if (includeRecognitions)
        {
            changed |= SyncRecognitions(profile, target);
        }
        changed |= SyncHonors(profile, target);
        return changed;
    }

    /// <summary>A new entity for <paramref name="profile"/> (with its recognitions only when <paramref name="includeRecognitions"/>).</summary>
    public static Enterprise NewEnterprise(EnterpriseProfile profile, RegionTree regions, bool includeRecognitions)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var (province, city) = Ancestors(profile.RegionCode, regions);
        var e = new Enterprise
        {
            CreditCode = profile.CreditCode,
            Name = profile.Name,
            RegionCode = profile.RegionCode,
            ProvinceCode = province,
            CityCode = city,
            IndustryCode = profile.IndustryCode,
            Attributes = "{}",
        };
        Apply(profile, e, regions, includeRecognitions);
        return e;
    }

    /// <summary>The exchange-format JSON of a stored enterprise (with its financials, recognitions and honours loaded).</summary>
    public static JsonObject ToJson(Enterprise e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var o = new JsonObject
        {
            ["creditCode"] = e.CreditCode,
            ["name"] = e.Name,
            ["regionCode"] = e.RegionCode,
            ["industryCode"] = e.IndustryCode,
        };
        if (JsonNode.Parse(e.Attributes) is JsonObject attributes)
        {
            foreach (var (key, value) in attributes.ToList())
            {
                attributes.Remove(key);
                o[key] = value;
            }
        }
        var years = new JsonArray();
        foreach (var f in e.Financials.OrderBy(f => f.Year))
        {
            var y = new JsonObject { ["year"] = f.Year };
            foreach (var a in YearFields.Amounts)
            {
                Put(y, a.Key, a.Get(f));
            }
            foreach (var h in YearFields.Headcounts)
            {
                Put(y, h.Key, h.Get(f));
            }
            years.Add(y);
        }
        o["financials"] = years;
        if (e.Recognitions.Count > 0)
        {
            o["recognitions"] = new JsonArray([.. e.Recognitions.OrderBy(r => r.RecognizedOn).ThenBy(r => r.Tier, StringComparer.Ordinal).Select(r =>
            {
                var n = new JsonObject { ["tier"] = r.Tier, ["recognizedOn"] = Date(r.RecognizedOn) };
                if (r.ValidUntil is { } v)
                {
                    n["validUntil"] = Date(v);
                }
                if (r.Issuer is { } i)
                {
                    n["issuer"] = i;
                }
                return (JsonNode)n;
            })]);
        }
        if (e.Honors.Count > 0)
        {
            o["honors"] = new JsonArray([.. e.Honors.OrderBy(h => h.Kind, StringComparer.Ordinal).Select(h =>
            {
                var n = new JsonObject { ["kind"] = h.Kind };
                Put(n, "year", h.Year);
                if (h.ValidUntil is { } v)
                {
                    n["validUntil"] = Date(v);
                }
                Put(n, "rank", h.Rank);
                return (JsonNode)n;
            })]);
        }
        return o;
    }

    /// <summary>The stored enterprise as a validated profile; errors mean the stored data no longer meets the format.</summary>
    public static ProfileRecord ToProfile(Enterprise e) => ToProfile(e, ToUtf8(e));

    /// <summary>The stored enterprise's exchange-format JSON as UTF-8 (what <see cref="ToProfile(Enterprise)"/> parses).</summary>
    public static byte[] ToUtf8(Enterprise e) => JsonSerializer.SerializeToUtf8Bytes(ToJson(e));

    /// <summary>The profile of <paramref name="e"/> from its JSON already written by <see cref="ToUtf8"/>.</summary>
    public static ProfileRecord ToProfile(Enterprise e, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ProfileReader.Parse(new RawRecord(1, e.CreditCode, json));
    }

    private static string AttributesJson(EnterpriseProfile profile)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, ProfileWriter.Options))
        {
            ProfileWriter.Write(w, profile);
        }
        var o = JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
        foreach (var k in ColumnKeys)
        {
            o.Remove(k);
        }
        return o.ToJsonString(new JsonSerializerOptions { Encoder = ProfileWriter.Options.Encoder });
    }

    private static (string Province, string? City) Ancestors(string regionCode, RegionTree regions)
    {
        string? province = null, city = null;
        for (var r = regions.Find(regionCode); r is not null; r = r.Parent is null ? null : regions.Find(r.Parent))
        {
            if (r.Level == "province")
            {
                province = r.Code;
            }
            else if (r.Level == "city")
            {
                city = r.Code;
            }
        }
        // A code outside the shipped tree still belongs to a province by its first two digits (GB/T 2260).
        return (province ?? regionCode[..2] + "0000", city);
    }

    private static bool SyncFinancials(EnterpriseProfile profile, Enterprise target)
    {
        var changed = false;
        foreach (var f in profile.Financials)
        {
            var row = target.Financials.FirstOrDefault(x => x.Year == f.Year);
            if (row is null)
            {
                row = new EnterpriseFinancialYear { Year = f.Year };
                target.Financials.Add(row);
                changed = true;
            }
            // Assign only on change so an unchanged re-import leaves no modified rows (and no audit entries).
            foreach (var a in YearFields.Amounts)
            {
                changed |= Set(a.Get(row), a.FromProfile(f), v => a.Set(row, v));
            }
            foreach (var h in YearFields.Headcounts)
            {
                changed |= Set(h.Get(row), h.FromProfile(f), v => h.Set(row, v));
            }
        }
        return changed;
    }

    private static bool SyncRecognitions(EnterpriseProfile profile, Enterprise target)
    {
        var wanted = (profile.Recognitions ?? []).ToList();
        static bool Same(Recognition w, EnterpriseRecognition r) => w.Tier == r.Tier && w.RecognizedOn == r.RecognizedOn && w.ValidUntil == r.ValidUntil && w.Issuer == r.Issuer;
        var removed = target.Recognitions.RemoveAll(r => !wanted.Any(w => Same(w, r)));
        var added = wanted.Where(w => !target.Recognitions.Any(r => Same(w, r))).ToList();
        foreach (var w in added)
        {
            target.Recognitions.Add(new EnterpriseRecognition { Tier = w.Tier, RecognizedOn = w.RecognizedOn, ValidUntil = w.ValidUntil, Issuer = w.Issuer });
        }
        return removed > 0 || added.Count > 0;
    }

    private static bool SyncHonors(EnterpriseProfile profile, Enterprise target)
    {
        var wanted = (profile.Honors ?? []).ToList();
        static bool Same(Honor w, EnterpriseHonor h) => w.Kind == h.Kind && w.Year == h.Year && w.ValidUntil == h.ValidUntil && w.Rank == h.Rank;
        var removed = target.Honors.RemoveAll(h => !wanted.Any(w => Same(w, h)));
        var added = wanted.Where(w => !target.Honors.Any(h => Same(w, h))).ToList();
        foreach (var w in added)
        {
            target.Honors.Add(new EnterpriseHonor { Kind = w.Kind, Year = w.Year, ValidUntil = w.ValidUntil, Rank = w.Rank });
        }
        return removed > 0 || added.Count > 0;
    }

    private static bool Set<T>(T current, T wanted, Action<T> assign)
    {
        if (EqualityComparer<T>.Default.Equals(current, wanted))
        {
            return false;
        }
        assign(wanted);
        return true;
    }

    private static void Put(JsonObject o, string key, decimal? value)
    {
        if (value is { } v)
        {
            o[key] = v;
        }
    }

    private static void Put(JsonObject o, string key, int? value)
    {
        if (value is { } v)
        {
            o[key] = v;
        }
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
