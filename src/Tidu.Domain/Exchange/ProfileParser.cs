using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Tidu.Domain.Profiles;

namespace Tidu.Domain.Exchange;

/// <summary>
/// Reads one JSON object of exchange format v1.1 from its UTF-8 bytes straight into an <see cref="EnterpriseProfile"/>,
/// in one pass, validating it against the schema (types, ranges, enums, patterns) and the rules the schema cannot
/// express: the credit code's check character and unique fiscal years. Every error is collected; a record with any
/// error yields no profile. Errors are reported in a fixed order (the order of the schema's members, array elements
/// in input order), whatever the order of the members in the input; a member given twice counts as its last
/// occurrence, as JSON parsers read it. One instance per thread: it keeps decoded strings that repeat (region and
/// industry codes, certificates …) and its scratch lists from record to record.
/// </summary>
public sealed partial class ProfileParser
{
    private const int MaxDepth = 32;

    [ThreadStatic]
    private static ProfileParser? t_parser;

    private static readonly NameTable RootNames = new(
        "creditCode", "name", "regionCode", "industryCode", "financials", "registeredInMainland", "independentLegalPerson", "establishedOn",
        "nicheMarketSince", "listing", "listingPlan", "mainProduct", "intellectualProperty", "rdInstitution", "digitalLevel",
        "coreBusinessOnInformationSystem", "quality", "standards", "honors", "recognitions", "localFeatureScore", "compliance",
        "qualityEvaluations", "verifiedCriteria");

    private static readonly NameTable FinancialNames = new(
        "year", "operatingRevenue", "mainBusinessRevenue", "rdExpense", "basicResearchExpense", "netProfit", "totalAssets", "totalLiabilities",
        "employees", "rdStaff", "newQualifiedEquityFinancing", "mainProductRevenue", "newProductOutputValue", "industrialOutputValue");

    private static readonly NameTable MainProductNames = new(
        "name", "strategicEmergingIndustry", "chainContribution", "keyField", "domesticMarketShare", "globalMarketRank", "salesShareOfMainBusiness",
        "yearsInField", "internationalMarketShare", "domesticMarketRank", "marketPositionLeading", "restrictedCategory", "revenueShare",
        "productCount", "industryDirection");

    private static readonly NameTable IpNames = new("classI", "classISelfDeveloped", "classIHighValue", "classIApplied", "classII", "inventionPatents");

    private static readonly NameTable QualityNames = new("managementSystemCertifications", "provincialQualityAward", "developedMarketProductCertification", "ownBrand");

    private static readonly NameTable StandardNames = new("level", "role", "year");

    private static readonly NameTable HonorNames = new("kind", "year", "validUntil", "rank");

    private static readonly NameTable RecognitionNames = new("tier", "recognizedOn", "validUntil", "issuer");

    private static readonly NameTable ComplianceNames = new(
        "abnormalOperationList", "seriousDishonestyList", "majorIncidentWithin3Years", "violationWithin3Years", "wageArrears", "jointPunishment");

    private static readonly NameTable QualityEvaluationNames = new("year", "score");

    private static readonly Comparison<FinancialYear> ByYear = (a, b) => a.Year.CompareTo(b.Year);

    private readonly StringPool _pool = new();
    private readonly List<PendingError> _errors = [];
    private readonly List<FinancialYear> _financials = [];
    private readonly List<string> _strings = [];
    private readonly Dictionary<int, int> _firstIndexOfYear = [];
    private readonly Dictionary<string, string> _firstIndexOfCriterion = new(StringComparer.Ordinal);
    private readonly HashSet<int> _seenYears = [];
    private bool _lastWins;
    private string? _creditCode;
    private readonly int[]?[] _successors = new int[]?[16];

    private static int[] NewSuccessors(int names)
    {
        var a = new int[names + 1];
        Array.Fill(a, -1);
        return a;
    }

    /// <summary>The parser of the calling thread.</summary>
    public static ProfileParser ForThisThread => t_parser ??= new ProfileParser();

    /// <summary>Parses and validates one record (a single JSON value) into a <see cref="ProfileRecord"/>.</summary>
    public static ProfileRecord Parse(ReadOnlySpan<byte> json, long ordinal, string locator)
    {
        var parser = ForThisThread;
        var profile = parser.Read(json);
        return new ProfileRecord(ordinal, locator, profile, profile is null ? parser.Errors(locator) : []);
    }

    /// <summary>Validates a JSON value already in memory (its raw UTF-8 is read again, in one pass).</summary>
    public static ProfileRecord Parse(JsonElement root, long ordinal, string locator) =>
        Parse(JsonMarshal.GetRawUtf8Value(root), ordinal, locator);

    /// <summary>True when the last <see cref="Read"/> found errors.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>
    /// Reads one record; null when it is invalid (then <see cref="Errors"/> lists why). A syntax error anywhere in the
    /// record is its only error: nothing else can be trusted.
    /// </summary>
    public EnterpriseProfile? Read(ReadOnlySpan<byte> json) => ReadRecord(json, compactFirst: true);

    /// <summary>
    /// Reads one record with the general reader only, never the compact one: the reference the compact reader is
    /// checked against (tests, benchmarks).
    /// </summary>
    public EnterpriseProfile? ReadGeneral(ReadOnlySpan<byte> json) => ReadRecord(json, compactFirst: false);

    /// <summary>Whether the last <see cref="Read"/> was decided by the compact reader (otherwise the general reader read the record).</summary>
    public bool LastReadWasCompact { get; private set; }

    private EnterpriseProfile? ReadRecord(ReadOnlySpan<byte> json, bool compactFirst)
    {
        _lastWins = false;
        LastReadWasCompact = false;
        if (!Utf8.IsValid(json))
        {
            // The JSON reader does not check the UTF-8 inside strings; decoding such a string would replace characters.
            _errors.Clear();
            _creditCode = null;
            Error(0, "", $"not valid UTF-8 (byte {InvalidUtf8Offset(json)} of the record); save the file as UTF-8");
            return null;
        }
        if (compactFirst && ReadCompact(json) is { } compact)
        {
            LastReadWasCompact = true;
            return compact;
        }
        while (true)
        {
            _errors.Clear();
            _creditCode = null;
            try
            {
                var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
                var profile = Root(ref reader);
                // Anything after the value (a second value, stray characters) is a syntax error, as in any JSON parser.
                if (reader.Read())
                {
                    reader.Skip();
                }
                return _errors.Count == 0 ? profile : null;
            }
            catch (DuplicateMemberException) when (!_lastWins)
            {
                _lastWins = true; // read again, taking each member's last occurrence
            }
            catch (JsonException ex)
            {
                _errors.Clear();
                _creditCode = null;
                Error(0, "", "not valid JSON: " + JsonSyntax.Describe(ex));
                return null;
            }
        }
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> s)
    {
        var pos = 0;
        while (pos < s.Length && Rune.DecodeFromUtf8(s[pos..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            pos += consumed;
        }
        return pos;
    }

    /// <summary>The errors of the last <see cref="Read"/>, in report order, for the record at <paramref name="locator"/>.</summary>
    public List<RecordError> Errors(string locator)
    {
        var ordered = _errors.Select((e, i) => (e, i)).OrderBy(x => x.e.Key).ThenBy(x => x.i).Select(x => x.e);
        var code = _creditCode is not null && CreditCode.IsValid(_creditCode) ? _creditCode : null;
        return [.. ordered.Select(e => new RecordError(locator, e.Path, e.Reason, code))];
    }

    /// <summary>Report order: member of the root, then element or member, then member of that (24 bits each).</summary>
    private static long Key(int root, int second = 0, int third = 0) => ((long)root << 48) | ((long)second << 24) | (long)third;

    private void Error(long key, string path, string reason) => _errors.Add(new PendingError(key, path, reason));

    private void Error(long key, in JsonPath path, string reason) => _errors.Add(new PendingError(key, path.ToString(), reason));

    private readonly record struct PendingError(long Key, string Path, string Reason);

    private sealed class DuplicateMemberException : Exception
    {
    }

    /// <summary>A JSON Pointer built only when an error needs it: prefix, optional element index, optional member.</summary>
    private readonly record struct JsonPath(string Prefix, int Index = -1, string? Member = null)
    {
        public override string ToString() => Index < 0 ? Prefix : Member is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}/{Index}")
            : string.Create(CultureInfo.InvariantCulture, $"{Prefix}/{Index}/{Member}");
    }

    /// <summary>
    /// Steps to the next member's value: true with the member's id, or false at the end of the object. Unknown members
    /// are skipped (their JSON still checked). A member given twice restarts the record in last-wins mode.
    /// </summary>
    private bool Next(ref Utf8JsonReader r, NameTable names, ref Cursor cursor, scoped ReadOnlySpan<int> last, out int id)
    {
        // The member that followed the previous one in the last record (per object kind; slot 0: the first member).
        var successors = _successors[names.Number] ??= NewSuccessors(names.Count);
        while (true)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndObject)
            {
                id = -1;
                return false;
            }
            id = names.Find(ref r, successors[cursor.Previous]);
            successors[cursor.Previous] = id;
            cursor.Previous = id + 1;
            r.Read();
            cursor.Member++;
            if (id < 0 || (_lastWins && last[id] != cursor.Member))
            {
                r.Skip();
                continue;
            }
            if (!_lastWins)
            {
                var bit = 1UL << id;
                if ((cursor.Seen & bit) != 0)
                {
                    throw new DuplicateMemberException();
                }
                cursor.Seen |= bit;
            }
            return true;
        }
    }

    /// <summary>Where the reading of one object stands: members seen, how many, the last one's id + 1.</summary>
    private struct Cursor
    {
        public ulong Seen;
        public int Member;
        public int Previous;
    }

    /// <summary>In last-wins mode: the position of each member's last occurrence in the object at the reader.</summary>
    private void LastOccurrences(Utf8JsonReader copy, NameTable names, Span<int> last)
    {
        if (!_lastWins)
        {
            return;
        }
        last.Fill(-1);
        var member = 0;
        while (true)
        {
            copy.Read();
            if (copy.TokenType == JsonTokenType.EndObject)
            {
                return;
            }
            var id = names.Find(ref copy);
            copy.Read();
            member++;
            if (id >= 0)
            {
                last[id] = member;
            }
            copy.Skip();
        }
    }

    private EnterpriseProfile? Root(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject)
        {
            Error(0, "", $"expected an object, got {Utf8Values.Describe(ref r)}");
            r.Skip();
            return null;
        }
        Span<int> last = stackalloc int[RootNames.Count];
        LastOccurrences(r, RootNames, last);
        var cursor = default(Cursor);
        string? creditCode = null, name = null, region = null, industry = null;
        FinancialYear[]? financials = null;
        var hasFinancials = false;
        bool? registered = null, independent = null, coreOnIs = null;
        DateOnly? established = null, niche = null;
        string? listing = null, listingPlan = null, rdInstitution = null;
        MainProduct? mainProduct = null;
        IntellectualProperty? ip = null;
        int? digitalLevel = null;
        QualityInfo? quality = null;
        IReadOnlyList<StandardEntry>? standards = null;
        IReadOnlyList<Honor>? honors = null;
        IReadOnlyList<Recognition>? recognitions = null;
        decimal? localFeature = null;
        Compliance? compliance = null;
        IReadOnlyList<QualityEvaluation>? qualityEvaluations = null;
        IReadOnlyList<string>? verified = null;
        while (Next(ref r, RootNames, ref cursor, last, out var id))
        {
            switch (id)
            {
                case 0:
                    creditCode = String(ref r, Key(0), new("/creditCode"), pool: false);
                    break;
                case 1:
                    name = String(ref r, Key(1), new("/name"), pool: false);
                    break;
                case 2:
                    region = String(ref r, Key(2), new("/regionCode"));
                    break;
                case 3:
                    industry = String(ref r, Key(3), new("/industryCode"));
                    break;
                case 4:
                    if (r.TokenType != JsonTokenType.Null)
                    {
                        hasFinancials = true;
                        financials = Financials(ref r);
                    }
                    break;
                case 5:
                    registered = Bool(ref r, Key(5), new("/registeredInMainland"));
                    break;
                case 6:
                    independent = Bool(ref r, Key(6), new("/independentLegalPerson"));
                    break;
                case 7:
                    established = Date(ref r, Key(7), new("/establishedOn"));
                    break;
                case 8:
                    niche = Date(ref r, Key(8), new("/nicheMarketSince"));
                    break;
                case 9:
                    listing = Enum(ref r, Key(9), new("/listing"), Vocabulary.Listing);
                    break;
                case 10:
                    listingPlan = Enum(ref r, Key(10), new("/listingPlan"), Vocabulary.ListingPlan);
                    break;
                case 11:
                    mainProduct = MainProductOf(ref r);
                    break;
                case 12:
                    ip = IntellectualPropertyOf(ref r);
                    break;
                case 13:
                    rdInstitution = Enum(ref r, Key(13), new("/rdInstitution"), Vocabulary.RdInstitution);
                    break;
                case 14:
                    digitalLevel = Int(ref r, Key(14), new("/digitalLevel"), 1, 4);
                    break;
                case 15:
                    coreOnIs = Bool(ref r, Key(15), new("/coreBusinessOnInformationSystem"));
                    break;
                case 16:
                    quality = QualityOf(ref r);
                    break;
                case 17:
                    standards = Standards(ref r);
                    break;
                case 18:
                    honors = Honors(ref r);
                    break;
                case 19:
                    recognitions = Recognitions(ref r);
                    break;
                case 20:
                    localFeature = Decimal(ref r, Key(20), new("/localFeatureScore"), 0, 15);
                    break;
                case 21:
                    compliance = ComplianceOf(ref r);
                    break;
                case 22:
                    qualityEvaluations = QualityEvaluations(ref r);
                    break;
                default:
                    verified = VerifiedCriteria(ref r);
                    break;
            }
        }

        _creditCode = creditCode;
        if (creditCode is null)
        {
            if (!HasErrorAt(Key(0)))
            {
                Error(Key(0), "/creditCode", "is required");
            }
        }
        else if (CreditCode.Validate(creditCode) is { } reason)
        {
            Error(Key(0), "/creditCode", $"invalid credit code: {reason}");
        }
        if (name is null)
        {
            if (!HasErrorAt(Key(1)))
            {
                Error(Key(1), "/name", "is required");
            }
        }
        else if (name.Length == 0)
        {
            Error(Key(1), "/name", "must not be empty");
        }
        if (region is null)
        {
            if (!HasErrorAt(Key(2)))
            {
                Error(Key(2), "/regionCode", "is required");
            }
        }
        else if (!IsRegionCode(region))
        {
            Error(Key(2), "/regionCode", $"'{Utf8Values.Truncate(region)}' is not a 6-digit region code (GB/T 2260)");
        }
        if (industry is null)
        {
            if (!HasErrorAt(Key(3)))
            {
                Error(Key(3), "/industryCode", "is required");
            }
        }
        else if (!IsIndustryCode(industry))
        {
            Error(Key(3), "/industryCode", $"'{Utf8Values.Truncate(industry)}' is not a GB/T 4754 code (section letter A–T, then 2, 3 or 4 digits, e.g. C3484)");
        }
        if (!hasFinancials)
        {
            Error(Key(4), "/financials", "is required");
        }
        if (_errors.Count > 0)
        {
            return null;
        }
        return new EnterpriseProfile
        {
            CreditCode = creditCode!,
            Name = name!,
            RegionCode = region!,
            IndustryCode = industry!,
            RegisteredInMainland = registered,
            IndependentLegalPerson = independent,
            EstablishedOn = established,
            NicheMarketSince = niche,
            Listing = listing,
            ListingPlan = listingPlan,
            MainProduct = mainProduct,
            Financials = financials!,
            IntellectualProperty = ip,
            RdInstitution = rdInstitution,
            DigitalLevel = digitalLevel,
            CoreBusinessOnInformationSystem = coreOnIs,
            Quality = quality,
            Standards = standards,
            Honors = honors,
            Recognitions = recognitions,
            LocalFeatureScore = localFeature,
            Compliance = compliance,
            QualityEvaluations = qualityEvaluations,
            VerifiedCriteria = verified,
        };
    }

    // The schema's patterns ^[0-9]{6}$ and ^[A-T]([0-9]{2}([0-9]{1,2})?)?$, checked by hand ([0-9] is ASCII only).
    private static bool IsRegionCode(string s) => s.Length == 6 && s.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static bool IsIndustryCode(string s) =>
        s.Length is 1 or 3 or 4 or 5 && s[0] is >= 'A' and <= 'T' && s.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    private FinancialYear[]? Financials(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            Error(Key(4), "/financials", $"expected an array, got {Utf8Values.Describe(ref r)}");
            r.Skip();
            return null;
        }
        _financials.Clear();
        _firstIndexOfYear.Clear();
        var i = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                Error(Key(4, i + 1), new JsonPath("/financials", i), $"expected an object, got {Utf8Values.Describe(ref r)}");
                r.Skip();
            }
            else if (FinancialYearOf(ref r, i) is { } year)
            {
                _financials.Add(year);
            }
            i++;
        }
        if (i == 0)
        {
            Error(Key(4), "/financials", "must hold at least one fiscal year");
        }
        var result = _financials.ToArray();
        Array.Sort(result, ByYear);
        return result;
    }

    private FinancialYear? FinancialYearOf(ref Utf8JsonReader r, int i)
    {
        Span<int> last = stackalloc int[FinancialNames.Count];
        LastOccurrences(r, FinancialNames, last);
        var cursor = default(Cursor);
        int? year = null, employees = null, rdStaff = null;
        decimal? operating = null, mainBusiness = null, rd = null, basic = null, profit = null, assets = null, liabilities = null,
            financing = null, mainProductRevenue = null, newProduct = null, industrial = null;
        var k = i + 1;
        while (Next(ref r, FinancialNames, ref cursor, last, out var id))
        {
            switch (id)
            {
                case 0:
                    year = Int(ref r, Key(4, k, 0), new("/financials", i, "year"), 1990, 2100);
                    break;
                case 1:
                    operating = Decimal(ref r, Key(4, k, 2), new("/financials", i, "operatingRevenue"), 0);
                    break;
                case 2:
                    mainBusiness = Decimal(ref r, Key(4, k, 3), new("/financials", i, "mainBusinessRevenue"), 0);
                    break;
                case 3:
                    rd = Decimal(ref r, Key(4, k, 4), new("/financials", i, "rdExpense"), 0);
                    break;
                case 4:
                    basic = Decimal(ref r, Key(4, k, 5), new("/financials", i, "basicResearchExpense"), 0);
                    break;
                case 5:
                    profit = Decimal(ref r, Key(4, k, 6), new("/financials", i, "netProfit"));
                    break;
                case 6:
                    assets = Decimal(ref r, Key(4, k, 7), new("/financials", i, "totalAssets"), 0);
                    break;
                case 7:
                    liabilities = Decimal(ref r, Key(4, k, 8), new("/financials", i, "totalLiabilities"), 0);
                    break;
                case 8:
                    employees = Int(ref r, Key(4, k, 9), new("/financials", i, "employees"), 0);
                    break;
                case 9:
                    rdStaff = Int(ref r, Key(4, k, 10), new("/financials", i, "rdStaff"), 0);
                    break;
                case 10:
                    financing = Decimal(ref r, Key(4, k, 11), new("/financials", i, "newQualifiedEquityFinancing"), 0);
                    break;
                case 11:
                    mainProductRevenue = Decimal(ref r, Key(4, k, 12), new("/financials", i, "mainProductRevenue"), 0);
                    break;
                case 12:
                    newProduct = Decimal(ref r, Key(4, k, 13), new("/financials", i, "newProductOutputValue"), 0);
                    break;
                default:
                    industrial = Decimal(ref r, Key(4, k, 14), new("/financials", i, "industrialOutputValue"), 0);
                    break;
            }
        }
        if (year is null)
        {
            if (!HasErrorAt(Key(4, k, 0)))
            {
                Error(Key(4, k, 0), new JsonPath("/financials", i, "year"), "is required");
            }
        }
        else if (!_firstIndexOfYear.TryAdd(year.Value, i))
        {
            Error(Key(4, k, 1), new JsonPath("/financials", i, "year"), $"year {year} appears twice (also at /financials/{_firstIndexOfYear[year.Value]})");
        }
        return new FinancialYear
        {
            Year = year ?? 0,
            InputIndex = i,
            OperatingRevenue = operating,
            MainBusinessRevenue = mainBusiness,
            RdExpense = rd,
            BasicResearchExpense = basic,
            NetProfit = profit,
            TotalAssets = assets,
            TotalLiabilities = liabilities,
            Employees = employees,
            RdStaff = rdStaff,
            NewQualifiedEquityFinancing = financing,
            MainProductRevenue = mainProductRevenue,
            NewProductOutputValue = newProduct,
            IndustrialOutputValue = industrial,
        };
    }

    /// <summary>Whether an error was recorded under <paramref name="key"/> (a value given but wrong is not also "required").</summary>
    private bool HasErrorAt(long key)
    {
        for (var i = _errors.Count - 1; i >= 0; i--)
        {
            if (_errors[i].Key == key)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An optional object member: null (absent) → no object; anything but an object → an error.</summary>
    private bool IsObject(ref Utf8JsonReader r, long key, string path)
    {
        if (r.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }
        if (r.TokenType != JsonTokenType.Null)
        {
            Error(key, path, $"expected an object, got {Utf8Values.Describe(ref r)}");
            r.Skip();
        }
        return false;
    }

    private MainProduct? MainProductOf(ref Utf8JsonReader r)
    {
        const string p = "/mainProduct";
        if (!IsObject(ref r, Key(11), p))
        {
            return null;
        }
        Span<int> last = stackalloc int[MainProductNames.Count];
        LastOccurrences(r, MainProductNames, last);
        var cursor = default(Cursor);
        string? name = null, chain = null, direction = null;
        bool? strategic = null, keyField = null, leading = null, restricted = null;
        decimal? domesticShare = null, salesShare = null, internationalShare = null, revenueShare = null;
        int? globalRank = null, years = null, domesticRank = null, productCount = null;
        while (Next(ref r, MainProductNames, ref cursor, last, out var id))
        {
            var key = Key(11, id + 1);
            switch (id)
            {
                case 0:
                    name = String(ref r, key, new(p + "/name"));
                    break;
                case 1:
                    strategic = Bool(ref r, key, new(p + "/strategicEmergingIndustry"));
                    break;
                case 2:
                    chain = Enum(ref r, key, new(p + "/chainContribution"), Vocabulary.ChainContribution);
                    break;
                case 3:
                    keyField = Bool(ref r, key, new(p + "/keyField"));
                    break;
                case 4:
                    domesticShare = Decimal(ref r, key, new(p + "/domesticMarketShare"), 0, 1);
                    break;
                case 5:
                    globalRank = Int(ref r, key, new(p + "/globalMarketRank"), 1);
                    break;
                case 6:
                    salesShare = Decimal(ref r, key, new(p + "/salesShareOfMainBusiness"), 0, 1);
                    break;
                case 7:
                    years = Int(ref r, key, new(p + "/yearsInField"), 0);
                    break;
                case 8:
                    internationalShare = Decimal(ref r, key, new(p + "/internationalMarketShare"), 0, 1);
                    break;
                case 9:
                    domesticRank = Int(ref r, key, new(p + "/domesticMarketRank"), 1);
                    break;
                case 10:
                    leading = Bool(ref r, key, new(p + "/marketPositionLeading"));
                    break;
                case 11:
                    restricted = Bool(ref r, key, new(p + "/restrictedCategory"));
                    break;
                case 12:
                    revenueShare = Decimal(ref r, key, new(p + "/revenueShare"), 0, 1);
                    break;
                case 13:
                    productCount = Int(ref r, key, new(p + "/productCount"), 1);
                    break;
                default:
                    direction = Enum(ref r, key, new(p + "/industryDirection"), Vocabulary.IndustryDirection);
                    break;
            }
        }
        return new MainProduct
        {
            Name = name,
            StrategicEmergingIndustry = strategic,
            ChainContribution = chain,
            KeyField = keyField,
            DomesticMarketShare = domesticShare,
            GlobalMarketRank = globalRank,
            SalesShareOfMainBusiness = salesShare,
            YearsInField = years,
            InternationalMarketShare = internationalShare,
            DomesticMarketRank = domesticRank,
            MarketPositionLeading = leading,
            RestrictedCategory = restricted,
            RevenueShare = revenueShare,
            ProductCount = productCount,
            IndustryDirection = direction,
        };
    }

    private IntellectualProperty? IntellectualPropertyOf(ref Utf8JsonReader r)
    {
        const string p = "/intellectualProperty";
        if (!IsObject(ref r, Key(12), p))
        {
            return null;
        }
        Span<int> last = stackalloc int[IpNames.Count];
        LastOccurrences(r, IpNames, last);
        var cursor = default(Cursor);
        Span<int?> values = stackalloc int?[IpNames.Count];
        while (Next(ref r, IpNames, ref cursor, last, out var id))
        {
            values[id] = Int(ref r, Key(12, id + 1), new(p + "/" + IpMember(id)), 0);
        }
        return new IntellectualProperty
        {
            ClassI = values[0],
            ClassISelfDeveloped = values[1],
            ClassIHighValue = values[2],
            ClassIApplied = values[3],
            ClassII = values[4],
            InventionPatents = values[5],
        };
    }

    private static string IpMember(int id) => id switch
    {
        0 => "classI",
        1 => "classISelfDeveloped",
        2 => "classIHighValue",
        3 => "classIApplied",
        4 => "classII",
        _ => "inventionPatents",
    };

    private QualityInfo? QualityOf(ref Utf8JsonReader r)
    {
        const string p = "/quality";
        if (!IsObject(ref r, Key(16), p))
        {
            return null;
        }
        Span<int> last = stackalloc int[QualityNames.Count];
        LastOccurrences(r, QualityNames, last);
        var cursor = default(Cursor);
        string[]? certs = null;
        var certsGiven = false;
        bool? award = null, developed = null, brand = null;
        while (Next(ref r, QualityNames, ref cursor, last, out var id))
        {
            switch (id)
            {
                case 0:
                    if (r.TokenType == JsonTokenType.Null)
                    {
                        break;
                    }
                    certsGiven = true;
                    certs = Certifications(ref r);
                    break;
                case 1:
                    award = Bool(ref r, Key(16, 2), new(p + "/provincialQualityAward"));
                    break;
                case 2:
                    developed = Bool(ref r, Key(16, 3), new(p + "/developedMarketProductCertification"));
                    break;
                default:
                    brand = Bool(ref r, Key(16, 4), new(p + "/ownBrand"));
                    break;
            }
        }
        return new QualityInfo
        {
            ProvincialQualityAward = award,
            ManagementSystemCertifications = certs ?? (certsGiven ? [] : null),
            DevelopedMarketProductCertification = developed,
            OwnBrand = brand,
        };
    }

    private string[]? Certifications(ref Utf8JsonReader r)
    {
        const string p = "/quality/managementSystemCertifications";
        if (r.TokenType != JsonTokenType.StartArray)
        {
            Error(Key(16, 1), p, $"expected an array, got {Utf8Values.Describe(ref r)}");
            r.Skip();
            return null;
        }
        _strings.Clear();
        var i = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType == JsonTokenType.String)
            {
                if (StringValue(ref r, Key(16, 1, i + 1), new JsonPath(p, i), pool: true) is { } s)
                {
                    _strings.Add(s);
                }
            }
            else
            {
                Error(Key(16, 1, i + 1), new JsonPath(p, i), $"expected a string, got {Utf8Values.Describe(ref r)}");
                r.Skip();
            }
            i++;
        }
        return i == 0 ? null : _strings.ToArray();
    }

    /// <summary>An optional array member: null → absent (null); anything but an array → an error (and an empty list).</summary>
    private bool IsArray(ref Utf8JsonReader r, long key, string path, out bool absent)
    {
        absent = r.TokenType == JsonTokenType.Null;
        if (r.TokenType == JsonTokenType.StartArray)
        {
            return true;
        }
        if (!absent)
        {
            Error(key, path, $"expected an array, got {Utf8Values.Describe(ref r)}");
            r.Skip();
        }
        return false;
    }

    private IReadOnlyList<StandardEntry>? Standards(ref Utf8JsonReader r)
    {
        const string p = "/standards";
        if (!IsArray(ref r, Key(17), p, out var absent))
        {
            return absent ? null : [];
        }
        List<StandardEntry>? list = null;
        var i = 0;
        Span<int> last = stackalloc int[StandardNames.Count];
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var k = i + 1;
            if (IsItemObject(ref r, Key(17, k), p, i))
            {
                LastOccurrences(r, StandardNames, last);
                var cursor = default(Cursor);
                string? level = null, role = null;
                bool levelGiven = false, roleGiven = false;
                int? year = null;
                while (Next(ref r, StandardNames, ref cursor, last, out var id))
                {
                    switch (id)
                    {
                        case 0:
                            levelGiven = r.TokenType != JsonTokenType.Null;
                            level = Enum(ref r, Key(17, k, 1), new(p, i, "level"), Vocabulary.StandardLevel);
                            break;
                        case 1:
                            roleGiven = r.TokenType != JsonTokenType.Null;
                            role = Enum(ref r, Key(17, k, 2), new(p, i, "role"), Vocabulary.StandardRole);
                            break;
                        default:
                            year = Int(ref r, Key(17, k, 5), new(p, i, "year"));
                            break;
                    }
                }
                if (!levelGiven)
                {
                    Error(Key(17, k, 3), new JsonPath(p, i, "level"), "is required");
                }
                if (!roleGiven)
                {
                    Error(Key(17, k, 4), new JsonPath(p, i, "role"), "is required");
                }
                (list ??= []).Add(new StandardEntry(level ?? "", role ?? "", year));
            }
            i++;
        }
        return list is null ? [] : [.. list];
    }

    private bool IsItemObject(ref Utf8JsonReader r, long key, string prefix, int i)
    {
        if (r.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }
        Error(key, new JsonPath(prefix, i), $"expected an object, got {Utf8Values.Describe(ref r)}");
        r.Skip();
        return false;
    }

    private IReadOnlyList<Honor>? Honors(ref Utf8JsonReader r)
    {
        const string p = "/honors";
        if (!IsArray(ref r, Key(18), p, out var absent))
        {
            return absent ? null : [];
        }
        List<Honor>? list = null;
        var i = 0;
        Span<int> last = stackalloc int[HonorNames.Count];
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var k = i + 1;
            if (IsItemObject(ref r, Key(18, k), p, i))
            {
                LastOccurrences(r, HonorNames, last);
                var cursor = default(Cursor);
                string? kind = null;
                var kindGiven = false;
                int? year = null, rank = null;
                DateOnly? until = null;
                while (Next(ref r, HonorNames, ref cursor, last, out var id))
                {
                    switch (id)
                    {
                        case 0:
                            kindGiven = r.TokenType != JsonTokenType.Null;
                            kind = Enum(ref r, Key(18, k, 2), new(p, i, "kind"), Vocabulary.HonorKind);
                            break;
                        case 1:
                            year = Int(ref r, Key(18, k, 3), new(p, i, "year"));
                            break;
                        case 2:
                            until = Date(ref r, Key(18, k, 4), new(p, i, "validUntil"));
                            break;
                        default:
                            rank = Int(ref r, Key(18, k, 5), new(p, i, "rank"), 1);
                            break;
                    }
                }
                if (!kindGiven)
                {
                    Error(Key(18, k, 1), new JsonPath(p, i, "kind"), "is required");
                }
                (list ??= []).Add(new Honor(kind ?? "", year, until, rank));
            }
            i++;
        }
        return list is null ? [] : [.. list];
    }

    private IReadOnlyList<Recognition>? Recognitions(ref Utf8JsonReader r)
    {
        const string p = "/recognitions";
        if (!IsArray(ref r, Key(19), p, out var absent))
        {
            return absent ? null : [];
        }
        List<Recognition>? list = null;
        var i = 0;
        Span<int> last = stackalloc int[RecognitionNames.Count];
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var k = i + 1;
            if (IsItemObject(ref r, Key(19, k), p, i))
            {
                LastOccurrences(r, RecognitionNames, last);
                var cursor = default(Cursor);
                string? tier = null, issuer = null;
                var tierGiven = false;
                DateOnly? on = null, until = null;
                while (Next(ref r, RecognitionNames, ref cursor, last, out var id))
                {
                    switch (id)
                    {
                        case 0:
                            tierGiven = r.TokenType != JsonTokenType.Null;
                            tier = Enum(ref r, Key(19, k, 2), new(p, i, "tier"), Vocabulary.Tier);
                            break;
                        case 1:
                            on = Date(ref r, Key(19, k, 3), new(p, i, "recognizedOn"));
                            break;
                        case 2:
                            until = Date(ref r, Key(19, k, 4), new(p, i, "validUntil"));
                            break;
                        default:
                            issuer = String(ref r, Key(19, k, 6), new(p, i, "issuer"));
                            break;
                    }
                }
                if (!tierGiven)
                {
                    Error(Key(19, k, 1), new JsonPath(p, i, "tier"), "is required");
                }
                if (on is null && !HasErrorAt(Key(19, k, 3)))
                {
                    Error(Key(19, k, 3), new JsonPath(p, i, "recognizedOn"), "is required");
                }
                if (on is { } a && until is { } b && b < a)
                {
                    Error(Key(19, k, 5), new JsonPath(p, i, "validUntil"), $"ends ({b:yyyy-MM-dd}) before the recognition date ({a:yyyy-MM-dd})");
                }
                (list ??= []).Add(new Recognition(tier ?? "", on ?? default, until, issuer));
            }
            i++;
        }
        return list is null ? [] : [.. list];
    }

    private Compliance? ComplianceOf(ref Utf8JsonReader r)
    {
        const string p = "/compliance";
        if (!IsObject(ref r, Key(21), p))
        {
            return null;
        }
        Span<int> last = stackalloc int[ComplianceNames.Count];
        LastOccurrences(r, ComplianceNames, last);
        var cursor = default(Cursor);
        Span<bool?> values = stackalloc bool?[ComplianceNames.Count];
        while (Next(ref r, ComplianceNames, ref cursor, last, out var id))
        {
            values[id] = Bool(ref r, Key(21, id + 1), new(p + "/" + ComplianceMember(id)));
        }
        return new Compliance
        {
            AbnormalOperationList = values[0],
            SeriousDishonestyList = values[1],
            MajorIncidentWithin3Years = values[2],
            ViolationWithin3Years = values[3],
            WageArrears = values[4],
            JointPunishment = values[5],
        };
    }

    private static string ComplianceMember(int id) => id switch
    {
        0 => "abnormalOperationList",
        1 => "seriousDishonestyList",
        2 => "majorIncidentWithin3Years",
        3 => "violationWithin3Years",
        4 => "wageArrears",
        _ => "jointPunishment",
    };

    private IReadOnlyList<QualityEvaluation>? QualityEvaluations(ref Utf8JsonReader r)
    {
        const string p = "/qualityEvaluations";
        if (!IsArray(ref r, Key(22), p, out var absent))
        {
            return absent ? null : [];
        }
        List<QualityEvaluation>? list = null;
        _seenYears.Clear();
        var i = 0;
        Span<int> last = stackalloc int[QualityEvaluationNames.Count];
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var k = i + 1;
            if (IsItemObject(ref r, Key(22, k), p, i))
            {
                LastOccurrences(r, QualityEvaluationNames, last);
                var cursor = default(Cursor);
                int? year = null;
                decimal? score = null;
                var scoreGiven = false;
                while (Next(ref r, QualityEvaluationNames, ref cursor, last, out var id))
                {
                    if (id == 0)
                    {
                        year = Int(ref r, Key(22, k, 1), new(p, i, "year"), 1990, 2100);
                    }
                    else
                    {
                        scoreGiven = r.TokenType != JsonTokenType.Null;
                        score = Decimal(ref r, Key(22, k, 2), new(p, i, "score"), 0, 100);
                    }
                }
                if (year is null && !HasErrorAt(Key(22, k, 1)))
                {
                    Error(Key(22, k, 1), new JsonPath(p, i, "year"), "is required");
                }
                if (!scoreGiven)
                {
                    Error(Key(22, k, 3), new JsonPath(p, i, "score"), "is required");
                }
                if (year is { } y && !_seenYears.Add(y))
                {
                    Error(Key(22, k, 4), new JsonPath(p, i, "year"), $"year {y} appears twice");
                }
                (list ??= []).Add(new QualityEvaluation(year ?? 0, score ?? 0m));
            }
            i++;
        }
        return list is null ? [] : [.. list];
    }

    private IReadOnlyList<string>? VerifiedCriteria(ref Utf8JsonReader r)
    {
        const string p = "/verifiedCriteria";
        if (!IsArray(ref r, Key(23), p, out var absent))
        {
            return absent ? null : [];
        }
        _strings.Clear();
        _firstIndexOfCriterion.Clear();
        var i = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var key = Key(23, i + 1);
            var path = new JsonPath(p, i);
            if (r.TokenType != JsonTokenType.String)
            {
                Error(key, path, $"expected a string, got {Utf8Values.Describe(ref r)}");
                r.Skip();
            }
            else if (StringValue(ref r, key, path, pool: true) is { } id)
            {
                if (!IsCriterionId(id))
                {
                    Error(key, path, $"'{Utf8Values.Truncate(id)}' is not a criterion id (lower-case words with hyphens, dot-separated, e.g. hidden-champion.pool.focus)");
                }
                else if (!_firstIndexOfCriterion.TryAdd(id, path.ToString()))
                {
                    Error(key, path, $"'{id}' appears twice (also at {_firstIndexOfCriterion[id]})");
                }
                else
                {
                    _strings.Add(id);
                }
            }
            i++;
        }
        return [.. _strings];
    }

    /// <summary>
    /// A criterion id as rule files write check ids, ^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$: words of
    /// lower-case letters and digits joined by single hyphens, dot-separated.
    /// </summary>
    private static bool IsCriterionId(string s)
    {
        var wordStart = true;
        foreach (var c in s)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                wordStart = false;
            }
            else if ((c is '-' or '.') && !wordStart)
            {
                wordStart = true;
            }
            else
            {
                return false;
            }
        }
        return s.Length > 0 && !wordStart;
    }

    // ---- values ----------------------------------------------------------------------------------------------

    /// <summary>An optional string member; a wrong type is an error and reads as absent.</summary>
    private string? String(ref Utf8JsonReader r, long key, JsonPath path, bool pool = true)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (r.TokenType != JsonTokenType.String)
        {
            Error(key, path, $"expected a string, got {Utf8Values.Describe(ref r)}");
            r.Skip();
            return null;
        }
        return StringValue(ref r, key, path, pool);
    }

    /// <summary>The string at the reader (a string token): pooled when it tends to repeat; an unpaired surrogate escape is an error.</summary>
    private string? StringValue(ref Utf8JsonReader r, long key, in JsonPath path, bool pool)
    {
        if (!r.ValueIsEscaped && !r.HasValueSequence)
        {
            return pool ? _pool.Get(r.ValueSpan) : System.Text.Encoding.UTF8.GetString(r.ValueSpan);
        }
        try
        {
            return r.GetString();
        }
        catch (InvalidOperationException)
        {
            Error(key, path, "is not valid text: a \\u escape leaves a UTF-16 surrogate unpaired");
            return null;
        }
    }

    private string? Enum(ref Utf8JsonReader r, long key, JsonPath path, FrozenSet<string> allowed)
    {
        var s = String(ref r, key, path);
        if (s is null)
        {
            return null;
        }
        if (allowed.TryGetValue(s, out var known))
        {
            return known;
        }
        Error(key, path, $"'{Utf8Values.Truncate(s)}' is not one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
        return null;
    }

    private bool? Bool(ref Utf8JsonReader r, long key, JsonPath path)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                Error(key, path, $"expected true or false, got {Utf8Values.Describe(ref r)}");
                r.Skip();
                return null;
        }
    }

    /// <summary>
    /// An amount or share; <paramref name="min"/> and <paramref name="max"/> are whole numbers (every bound of the
    /// format is), so a plain number within them is decided in integers: its digits against the bound times 10^scale.
    /// </summary>
    private decimal? Decimal(ref Utf8JsonReader r, long key, JsonPath path, long? min = null, long? max = null)
    {
        if (r.TokenType == JsonTokenType.Number && !r.HasValueSequence
            && Utf8Values.TryFastParts(r.ValueSpan, out var mantissa, out var scale, out var negative) && scale < PowersOfTen.Length)
        {
            var unit = PowersOfTen[scale];
            var signed = negative ? -mantissa : mantissa;
            // |bound| ≤ 10⁹ and 10^scale ≤ 10⁹: the products fit a long; out of bounds goes the general way for its message.
            if (signed >= (min ?? -MaxAmountWhole) * unit && signed <= (max ?? MaxAmountWhole) * unit)
            {
                return Utf8Values.Decimal(mantissa, scale, negative);
            }
        }
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (r.TokenType != JsonTokenType.Number)
        {
            Error(key, path, $"expected a number, got {Utf8Values.Describe(ref r)}");
            r.Skip();
            return null;
        }
        if (!Utf8Values.TryGetDecimal(ref r, out var d))
        {
            Error(key, path, "number is out of range");
            return null;
        }
        // Without a bound of its own a number is an amount: the format's explicit limit applies (Limits).
        decimal lo = min ?? -MaxAmountWhole;
        decimal hi = max ?? MaxAmountWhole;
        if (d < lo)
        {
            Error(key, path, $"must be at least {Utf8Values.Invariant(lo)}, got {Utf8Values.Invariant(d)}");
            return null;
        }
        if (d > hi)
        {
            Error(key, path, $"must be at most {Utf8Values.Invariant(hi)}, got {Utf8Values.Invariant(d)}");
            return null;
        }
        return d;
    }

    private const long MaxAmountWhole = (long)Limits.MaxAmount;

    private static ReadOnlySpan<long> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    private int? Int(ref Utf8JsonReader r, long key, JsonPath path, int? min = null, int? max = null)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (r.TokenType != JsonTokenType.Number)
        {
            Error(key, path, $"expected an integer, got {Utf8Values.Describe(ref r)}");
            r.Skip();
            return null;
        }
        int i;
        if (!Utf8Values.TryGetSmallInt(ref r, out i))
        {
            // JSON Schema's "integer" accepts 250.0: a number with a zero fraction.
            if (!Utf8Values.TryGetDecimal(ref r, out var d) || d != decimal.Truncate(d) || d < int.MinValue || d > int.MaxValue)
            {
                Error(key, path, $"expected an integer, got {Utf8Values.Truncate(Utf8Values.Raw(ref r))}");
                return null;
            }
            i = (int)d;
        }
        // Without a bound of its own an integer is a count: the format's explicit limit applies (Limits).
        min ??= -Limits.MaxCount;
        max ??= Limits.MaxCount;
        if (min is { } lo && i < lo)
        {
            Error(key, path, $"must be at least {lo}, got {i}");
            return null;
        }
        if (max is { } hi && i > hi)
        {
            Error(key, path, $"must be at most {hi}, got {i}");
            return null;
        }
        return i;
    }

    private DateOnly? Date(ref Utf8JsonReader r, long key, JsonPath path)
    {
        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && !r.HasValueSequence && Utf8Values.TryGetDate(r.ValueSpan, out var fast))
        {
            return fast;
        }
        var s = String(ref r, key, path, pool: false);
        if (s is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Error(key, path, $"'{Utf8Values.Truncate(s)}' is not a valid date (YYYY-MM-DD)");
        return null;
    }
}
