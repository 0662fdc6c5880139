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

    /// <summary>
    /// The exchange-format JSON of a stored enterprise (with its financials, recognitions and honours loaded) as a tree,
    /// for the pages that edit or merge it: <see cref="ToUtf8"/>'s bytes parsed, so there is one writer of the stored form.
    /// </summary>
    public static JsonObject ToJson(Enterprise e) => JsonNode.Parse(ToUtf8(e))!.AsObject();

    /// <summary>The stored enterprise as a validated profile; errors mean the stored data no longer meets the format.</summary>
    public static ProfileRecord ToProfile(Enterprise e) => ToProfile(e, ToUtf8(e));

    /// <summary>
    /// The stored enterprise's exchange-format JSON as UTF-8 (what <see cref="ToProfile(Enterprise)"/> parses), written in
    /// one pass without a JSON tree: the bulk load writes one per file.
    /// </summary>
    public static byte[] ToUtf8(Enterprise e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("creditCode", e.CreditCode);
            w.WriteString("name", e.Name);
            w.WriteString("regionCode", e.RegionCode);
            w.WriteString("industryCode", e.IndustryCode);
            var attributes = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(e.Attributes));
            if (attributes.Read() && attributes.TokenType == JsonTokenType.StartObject)
            {
                while (attributes.Read() && attributes.TokenType == JsonTokenType.PropertyName)
                {
                    w.WritePropertyName(attributes.GetString()!);
                    attributes.Read();
                    Copy(ref attributes, w);
                }
            }
            w.WriteStartArray("financials");
            foreach (var f in e.Financials.OrderBy(f => f.Year))
            {
                w.WriteStartObject();
                w.WriteNumber("year", f.Year);
                foreach (var a in YearFields.Amounts)
                {
                    if (a.Get(f) is { } v)
                    {
                        w.WriteNumber(a.Key, v);
                    }
                }
                foreach (var h in YearFields.Headcounts)
                {
                    if (h.Get(f) is { } v)
                    {
                        w.WriteNumber(h.Key, v);
                    }
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (e.Recognitions.Count > 0)
            {
                w.WriteStartArray("recognitions");
                foreach (var r in e.Recognitions.OrderBy(r => r.RecognizedOn).ThenBy(r => r.Tier, StringComparer.Ordinal))
                {
                    w.WriteStartObject();
                    w.WriteString("tier", r.Tier);
                    w.WriteString("recognizedOn", Date(r.RecognizedOn));
                    if (r.ValidUntil is { } v)
                    {
                        w.WriteString("validUntil", Date(v));
                    }
                    if (r.Issuer is { } i)
                    {
                        w.WriteString("issuer", i);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (e.Honors.Count > 0)
            {
                w.WriteStartArray("honors");
                foreach (var h in e.Honors.OrderBy(h => h.Kind, StringComparer.Ordinal))
                {
                    w.WriteStartObject();
                    w.WriteString("kind", h.Kind);
                    if (h.Year is { } y)
                    {
                        w.WriteNumber("year", y);
                    }
                    if (h.ValidUntil is { } v)
                    {
                        w.WriteString("validUntil", Date(v));
                    }
                    if (h.Rank is { } rank)
                    {
                        w.WriteNumber("rank", rank);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the value the reader is on (and everything inside it) as the JSON tree would: strings and names re-escaped by the writer, numbers as they were.</summary>
    private static void Copy(ref Utf8JsonReader r, Utf8JsonWriter w)
    {
        var depth = r.CurrentDepth;
        while (true)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.StartObject: w.WriteStartObject(); break;
                case JsonTokenType.EndObject: w.WriteEndObject(); break;
                case JsonTokenType.StartArray: w.WriteStartArray(); break;
                case JsonTokenType.EndArray: w.WriteEndArray(); break;
                case JsonTokenType.PropertyName: w.WritePropertyName(r.GetString()!); break;
                case JsonTokenType.String: w.WriteStringValue(r.GetString()); break;
                case JsonTokenType.Number: w.WriteRawValue(r.ValueSpan, skipInputValidation: true); break;
                case JsonTokenType.True: w.WriteBooleanValue(true); break;
                case JsonTokenType.False: w.WriteBooleanValue(false); break;
                default: w.WriteNullValue(); break;
            }
            // A scalar at the value's own depth, or the end of the object or array it began, is the whole value.
            if (r.CurrentDepth == depth && r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return;
            }
            r.Read();
        }
    }

    /// <summary>The profile of <paramref name="e"/> from its JSON already written by <see cref="ToUtf8"/>.</summary>
    public static ProfileRecord ToProfile(Enterprise e, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ProfileReader.Parse(new RawRecord(1, e.CreditCode, json));
    }

    /// <summary>
    /// The profile's members other than the columns, as the exchange format writes them: the written profile's other
    /// top-level members copied as they are (the same bytes as parsing it into a tree, removing the columns and writing
    /// the tree again with the same encoder; the profile is written compact, so a member ends where the reader stops).
    /// </summary>
    private static string AttributesJson(EnterpriseProfile profile)
    {
        var full = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(full, ProfileWriter.Options))
        {
            ProfileWriter.Write(w, profile);
        }
        var attributes = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(attributes, ProfileWriter.Options))
        {
            var r = new Utf8JsonReader(full.WrittenSpan);
            r.Read();
            w.WriteStartObject();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = r.GetString()!;
                r.Read();
                var start = (int)r.TokenStartIndex;
                r.Skip();
                if (!ColumnKeys.Contains(name))
                {
                    w.WritePropertyName(name);
                    w.WriteRawValue(full.WrittenSpan[start..(int)r.BytesConsumed], skipInputValidation: true);
                }
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(attributes.WrittenSpan);
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

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
