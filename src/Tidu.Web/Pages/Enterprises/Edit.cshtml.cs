using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Display;
using Tidu.Domain.Exchange;
using Tidu.Web.Importing;

namespace Tidu.Web.Pages.Enterprises;

/// <summary>
/// The enterprise corrects its own file: its yearly figures (a year added or corrected) and a few facts the tiers read.
/// What it saves is its declared data — the same file the platform evaluates and an application snapshots when it is
/// submitted; values an officer verified during a review are kept apart and are not changed by this. The save goes
/// through the same registry as an import or PUT /api/v1/enterprises/{creditCode}: validated by the exchange-format
/// reader, audited, re-evaluated. An empty cell is "not provided", never zero.
/// </summary>
[Authorize(Roles = Roles.Enterprise)]
public sealed class EditModel(EnterpriseRegistry registry, TimeProvider clock) : PageModel
{
    /// <summary>The yearly figures the form offers, in the template's order (amounts in 万元, headcounts in persons).</summary>
    public static IReadOnlyList<string> YearFields { get; } =
        ["operatingRevenue", "mainBusinessRevenue", "rdExpense", "netProfit", "totalAssets", "totalLiabilities", "employees", "rdStaff", "newQualifiedEquityFinancing"];

    private static readonly HashSet<string> Headcounts = new(StringComparer.Ordinal) { "employees", "rdStaff" };

    public sealed class YearInput
    {
        public string Year { get; set; } = "";
        public Dictionary<string, string?> Values { get; set; } = [];
    }

    public sealed class FileInput
    {
        public string? EstablishedOn { get; set; }
        public string? NicheMarketSince { get; set; }
        public string? MainProductName { get; set; }
        public string? MainProductRevenueSharePercent { get; set; }
        public List<YearInput> Years { get; set; } = [];
    }

    [BindProperty]
    public FileInput Input { get; set; } = new();

    public string Name { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Saved { get; private set; }

    public static bool IsHeadcount(string field) => Headcounts.Contains(field);

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken ct)
    {
        if (await LoadAsync(creditCode, ct).ConfigureAwait(false) is not { } json)
        {
            return NotFound();
        }
        Input = FromJson(json);
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string creditCode, CancellationToken ct)
    {
        if (await LoadAsync(creditCode, ct).ConfigureAwait(false) is not { } json)
        {
            return NotFound();
        }
        var errors = new List<string>();
        // Recognitions come from the procedure, not from this form: a file saved without them keeps the stored ones.
        json.Remove("recognitions");
        Apply(json, Input, errors);
        if (errors.Count == 0)
        {
            var record = ProfileReader.Parse(new RawRecord(1, CreditCode, JsonSerializer.SerializeToUtf8Bytes(json)));
            errors.AddRange(record.Errors.Select(e => $"{FieldNames.Of(e.Path, i => YearOf(json, i))}：{ReasonTranslator.ToChinese(e.Reason)}"));
            if (record.Profile is { } profile && errors.Count == 0)
            {
                var result = await registry.UpsertAsync([profile], null, ct).ConfigureAwait(false);
                if (result.Refused.Count == 0)
                {
                    return Redirect($"/Enterprises/{CreditCode}/Edit?saved=1");
                }
                errors.Add("无权修改该企业档案。");
            }
        }
        Errors = errors;
        return Page();
    }

    /// <summary>The stored file as exchange-format JSON; null when it is not the user's (the database shows them only their own).</summary>
    private async Task<JsonObject?> LoadAsync(string creditCode, CancellationToken ct)
    {
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return null;
        }
        Name = e.Name;
        CreditCode = e.CreditCode;
        return ProfileMapping.ToJson(e);
    }

    private FileInput FromJson(JsonObject json)
    {
        var input = new FileInput
        {
            EstablishedOn = Text(json["establishedOn"]),
            NicheMarketSince = Text(json["nicheMarketSince"]),
            MainProductName = Text(json["mainProduct"]?["name"]),
            MainProductRevenueSharePercent = json["mainProduct"]?["revenueShare"] is JsonValue share && share.TryGetValue<decimal>(out var s)
                ? (s * 100).ToString("0.##", CultureInfo.InvariantCulture) : null,
        };
        foreach (var y in (json["financials"] as JsonArray ?? []).OfType<JsonObject>())
        {
            input.Years.Add(new YearInput
            {
                Year = Text(y["year"]) ?? "",
                Values = YearFields.ToDictionary(f => f, f => Text(y[f]), StringComparer.Ordinal),
            });
        }
        // One empty row to add the latest fiscal year when it is not on file yet.
        var next = ChinaCalendar.Today(clock).Year - 1;
        if (!input.Years.Any(y => y.Year == next.ToString(CultureInfo.InvariantCulture)))
        {
            input.Years.Add(new YearInput { Year = next.ToString(CultureInfo.InvariantCulture), Values = YearFields.ToDictionary(f => f, _ => (string?)null, StringComparer.Ordinal) });
        }
        return input;
    }

    /// <summary>Writes the form into the file's JSON; each unreadable cell is an error naming its field and year.</summary>
    private static void Apply(JsonObject json, FileInput input, List<string> errors)
    {
        SetDate(json, "establishedOn", input.EstablishedOn, errors);
        SetDate(json, "nicheMarketSince", input.NicheMarketSince, errors);
        if (json["mainProduct"] is not JsonObject product)
        {
            product = [];
            json["mainProduct"] = product;
        }
        SetText(product, "name", input.MainProductName);
        if (Number(input.MainProductRevenueSharePercent, FieldNames.Of("/mainProduct/revenueShare"), errors, min: 0, max: 100) is { } percent)
        {
            product["revenueShare"] = percent / 100;
        }
        else if (string.IsNullOrWhiteSpace(input.MainProductRevenueSharePercent))
        {
            product.Remove("revenueShare");
        }
        if (product.Count == 0)
        {
            json.Remove("mainProduct");
        }

        if (json["financials"] is not JsonArray years)
        {
            years = [];
            json["financials"] = years;
        }
        foreach (var row in input.Years)
        {
            var filled = row.Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToList();
            if (!int.TryParse(row.Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                if (filled.Count > 0)
                {
                    errors.Add($"年度“{row.Year}”不是有效的年份");
                }
                continue;
            }
            var entry = years.OfType<JsonObject>().FirstOrDefault(y => y["year"] is JsonValue v && v.TryGetValue<int>(out var n) && n == year);
            if (entry is null)
            {
                if (filled.Count == 0)
                {
                    continue; // the empty row for a new year, left empty
                }
                entry = new JsonObject { ["year"] = year };
                years.Add(entry);
            }
            foreach (var field in YearFields)
            {
                var label = $"{year}年 {FieldNames.OfFinancial(field)}";
                var text = row.Values.GetValueOrDefault(field);
                if (string.IsNullOrWhiteSpace(text))
                {
                    entry.Remove(field);
                }
                else if (Number(text, label, errors, min: field is "netProfit" ? null : 0, max: null, whole: IsHeadcount(field)) is { } value)
                {
                    entry[field] = IsHeadcount(field) ? JsonValue.Create((int)value) : JsonValue.Create(value);
                }
            }
        }
    }

    private static decimal? Number(string? text, string label, List<string> errors, decimal? min, decimal? max, bool whole = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var style = whole ? NumberStyles.AllowLeadingSign : NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (!decimal.TryParse(text.Trim(), style, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add($"{label}：“{text}”应为{(whole ? "整数" : "数字")}");
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add($"{label}：{value.ToString(CultureInfo.InvariantCulture)} 超出范围（{(min is { } lo ? lo.ToString(CultureInfo.InvariantCulture) : "")}–{(max is { } hi ? hi.ToString(CultureInfo.InvariantCulture) : "")}）");
            return null;
        }
        return value;
    }

    private static void SetDate(JsonObject json, string key, string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            json.Remove(key);
        }
        else if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            json[key] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        else
        {
            errors.Add($"{FieldNames.Of("/" + key)}：“{text}”不是有效日期（格式 YYYY-MM-DD）");
        }
    }

    private static void SetText(JsonObject o, string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            o.Remove(key);
        }
        else
        {
            o[key] = text.Trim();
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        // A stored file's JSON holds years and headcounts as whole numbers, amounts as decimals (a parsed one, either).
        JsonValue v when v.TryGetValue<int>(out var i) => i.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<decimal>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static int? YearOf(JsonObject json, int index) =>
        json["financials"] is JsonArray a && index >= 0 && index < a.Count && a[index]?["year"] is JsonValue v && v.TryGetValue<int>(out var y) ? y : null;
}
