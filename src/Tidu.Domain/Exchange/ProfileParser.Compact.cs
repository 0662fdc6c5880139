using System.Runtime.CompilerServices;
using Tidu.Domain.Profiles;

namespace Tidu.Domain.Exchange;

/// <summary>
/// The compact reader: the shape that <c>tidu generate</c> and typical exports write — one object per line, no
/// whitespace, no escapes, members in any order — read by a tokenizer specialised to it, with the same validation and
/// the same model as the general reader. It only ever accepts a valid record: at the first thing it does not expect (a
/// space, an escape, an exponent, an unknown or repeated member, any value the schema refuses) it gives up and the
/// general reader reads the record from the start, so every error and its wording come from one place.
/// </summary>
public sealed partial class ProfileParser
{
    private readonly List<QualityEvaluation> _scratchEvaluations = [];
    private readonly List<Recognition> _scratchRecognitions = [];
    private readonly List<Honor> _scratchHonors = [];
    private readonly List<StandardEntry> _scratchStandards = [];
    private static readonly Utf8Vocabulary Utf8Listing = new(Vocabulary.Listing);
    private static readonly Utf8Vocabulary Utf8ListingPlan = new(Vocabulary.ListingPlan);
    private static readonly Utf8Vocabulary Utf8RdInstitution = new(Vocabulary.RdInstitution);
    private static readonly Utf8Vocabulary Utf8ChainContribution = new(Vocabulary.ChainContribution);
    private static readonly Utf8Vocabulary Utf8IndustryDirection = new(Vocabulary.IndustryDirection);
    private static readonly Utf8Vocabulary Utf8StandardLevel = new(Vocabulary.StandardLevel);
    private static readonly Utf8Vocabulary Utf8StandardRole = new(Vocabulary.StandardRole);
    private static readonly Utf8Vocabulary Utf8HonorKind = new(Vocabulary.HonorKind);
    private static readonly Utf8Vocabulary Utf8Tier = new(Vocabulary.Tier);

    /// <summary>
    /// Reads a valid compact record, or null when the record is anything else (then nothing is decided: the general
    /// reader must read it). The record's UTF-8 is already known to be valid.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private EnterpriseProfile? ReadCompact(ReadOnlySpan<byte> json)
    {
        var c = new CompactCursor(json);
        c.Eat((byte)'{');
        if (c.Peek == (byte)'}')
        {
            return null; // nothing given: the general reader lists what is required
        }
        var members = new Members(RootNames, this);
        string? creditCode = null, name = null, region = null, industry = null;
        FinancialYear[]? financials = null;
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
        do
        {
            switch (members.Next(ref c))
            {
                case 0:
                    creditCode = CString(ref c, pool: false);
                    break;
                case 1:
                    name = CString(ref c, pool: false);
                    break;
                case 2:
                    region = CString(ref c, pool: true);
                    break;
                case 3:
                    industry = CString(ref c, pool: true);
                    break;
                case 4:
                    financials = CFinancials(ref c);
                    break;
                case 5:
                    registered = CBool(ref c);
                    break;
                case 6:
                    independent = CBool(ref c);
                    break;
                case 7:
                    established = CDate(ref c);
                    break;
                case 8:
                    niche = CDate(ref c);
                    break;
                case 9:
                    listing = CEnum(ref c, Utf8Listing);
                    break;
                case 10:
                    listingPlan = CEnum(ref c, Utf8ListingPlan);
                    break;
                case 11:
                    mainProduct = CMainProduct(ref c);
                    break;
                case 12:
                    ip = CIntellectualProperty(ref c);
                    break;
                case 13:
                    rdInstitution = CEnum(ref c, Utf8RdInstitution);
                    break;
                case 14:
                    digitalLevel = CInt(ref c, 1, 4);
                    break;
                case 15:
                    coreOnIs = CBool(ref c);
                    break;
                case 16:
                    quality = CQuality(ref c);
                    break;
                case 17:
                    standards = CStandards(ref c);
                    break;
                case 18:
                    honors = CHonors(ref c);
                    break;
                case 19:
                    recognitions = CRecognitions(ref c);
                    break;
                case 20:
                    localFeature = CDecimal(ref c, 0, 15);
                    break;
                case 21:
                    compliance = CCompliance(ref c);
                    break;
                case 22:
                    qualityEvaluations = CQualityEvaluations(ref c);
                    break;
                case 23:
                    verified = CVerifiedCriteria(ref c);
                    break;
                default:
                    break; // failed
            }
        }
        while (c.TryEat((byte)','));
        c.Eat((byte)'}');
        if (!c.AtEndButWhitespace()
            || creditCode is null || !CreditCode.IsValid(creditCode)
            || string.IsNullOrEmpty(name)
            || region is null || !IsRegionCode(region)
            || industry is null || !IsIndustryCode(industry)
            || financials is null)
        {
            return null;
        }
        _errors.Clear();
        _creditCode = creditCode;
        return new EnterpriseProfile
        {
            CreditCode = creditCode,
            Name = name,
            RegionCode = region,
            IndustryCode = industry,
            RegisteredInMainland = registered,
            IndependentLegalPerson = independent,
            EstablishedOn = established,
            NicheMarketSince = niche,
            Listing = listing,
            ListingPlan = listingPlan,
            MainProduct = mainProduct,
            Financials = financials,
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

    /// <summary>
    /// The members of one object: each name is looked up (the member that followed the previous one last time is tried
    /// first), an unknown or repeated name fails the cursor.
    /// </summary>
    private ref struct Members(NameTable names, ProfileParser parser)
    {
        private readonly int[] _successors = parser._successors[names.Number] ??= NewSuccessors(names.Count);
        private ulong _seen;
        private int _previous;

        /// <summary>The next member's id with the cursor at its value, or −1 after a failure.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Next(ref CompactCursor c)
        {
            var id = names.Find(c.Name(), _successors[_previous]);
            if (id < 0 || (_seen & (1UL << id)) != 0 || c.Failed)
            {
                c.Fail();
                return -1;
            }
            _seen |= 1UL << id;
            _successors[_previous] = id;
            _previous = id + 1;
            return id;
        }
    }

    /// <summary>An optional object: null → false (absent); an object with members → true (cursor at its first member).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool CObject(ref CompactCursor c, out bool empty)
    {
        empty = false;
        if (c.TryNull())
        {
            return false;
        }
        c.Eat((byte)'{');
        empty = c.TryEat((byte)'}');
        return !c.Failed;
    }

    /// <summary>An optional array: null → false (absent); an array → true (cursor after '[', <paramref name="empty"/> when it is []).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool CArray(ref CompactCursor c, out bool empty)
    {
        empty = false;
        if (c.TryNull())
        {
            return false;
        }
        c.Eat((byte)'[');
        empty = c.TryEat((byte)']');
        return !c.Failed;
    }

    private static void EndObject(ref CompactCursor c) => c.Eat((byte)'}');

    /// <summary>After an array's element: true when another follows; false after the closing bracket (or a failure).</summary>
    private static bool MoreElements(ref CompactCursor c)
    {
        if (c.TryEat((byte)','))
        {
            return true;
        }
        c.Eat((byte)']');
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FinancialYear[]? CFinancials(ref CompactCursor c)
    {
        if (!CArray(ref c, out var empty) || empty)
        {
            c.Fail(); // absent, or no fiscal year: the general reader says so
            return null;
        }
        _financials.Clear();
        var i = 0;
        do
        {
            if (CFinancialYear(ref c, i) is not { } year)
            {
                c.Fail();
                return null;
            }
            foreach (var other in _financials)
            {
                if (other.Year == year.Year)
                {
                    c.Fail(); // a year given twice
                    return null;
                }
            }
            _financials.Add(year);
            i++;
        }
        while (MoreElements(ref c));
        var result = _financials.ToArray();
        Array.Sort(result, ByYear);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FinancialYear? CFinancialYear(ref CompactCursor c, int i)
    {
        c.Eat((byte)'{');
        if (c.Failed || c.Peek == (byte)'}')
        {
            return null; // the year is required
        }
        var members = new Members(FinancialNames, this);
        int? year = null, employees = null, rdStaff = null;
        decimal? operating = null, mainBusiness = null, rd = null, basic = null, profit = null, assets = null, liabilities = null,
            financing = null, mainProductRevenue = null, newProduct = null, industrial = null;
        do
        {
            switch (members.Next(ref c))
            {
                case 0:
                    year = CInt(ref c, 1990, 2100);
                    break;
                case 1:
                    operating = CDecimal(ref c, 0);
                    break;
                case 2:
                    mainBusiness = CDecimal(ref c, 0);
                    break;
                case 3:
                    rd = CDecimal(ref c, 0);
                    break;
                case 4:
                    basic = CDecimal(ref c, 0);
                    break;
                case 5:
                    profit = CDecimal(ref c);
                    break;
                case 6:
                    assets = CDecimal(ref c, 0);
                    break;
                case 7:
                    liabilities = CDecimal(ref c, 0);
                    break;
                case 8:
                    employees = CInt(ref c, 0);
                    break;
                case 9:
                    rdStaff = CInt(ref c, 0);
                    break;
                case 10:
                    financing = CDecimal(ref c, 0);
                    break;
                case 11:
                    mainProductRevenue = CDecimal(ref c, 0);
                    break;
                case 12:
                    newProduct = CDecimal(ref c, 0);
                    break;
                case 13:
                    industrial = CDecimal(ref c, 0);
                    break;
                default:
                    break;
            }
        }
        while (c.TryEat((byte)','));
        EndObject(ref c);
        if (c.Failed || year is null)
        {
            return null;
        }
        return new FinancialYear
        {
            Year = year.Value,
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private MainProduct? CMainProduct(ref CompactCursor c)
    {
        if (!CObject(ref c, out var empty))
        {
            return null;
        }
        string? name = null, chain = null, direction = null;
        bool? strategic = null, keyField = null, leading = null, restricted = null;
        decimal? domesticShare = null, salesShare = null, internationalShare = null, revenueShare = null;
        int? globalRank = null, years = null, domesticRank = null, productCount = null;
        if (!empty)
        {
            var members = new Members(MainProductNames, this);
            do
            {
                switch (members.Next(ref c))
                {
                    case 0:
                        name = CString(ref c, pool: true);
                        break;
                    case 1:
                        strategic = CBool(ref c);
                        break;
                    case 2:
                        chain = CEnum(ref c, Utf8ChainContribution);
                        break;
                    case 3:
                        keyField = CBool(ref c);
                        break;
                    case 4:
                        domesticShare = CDecimal(ref c, 0, 1);
                        break;
                    case 5:
                        globalRank = CInt(ref c, 1);
                        break;
                    case 6:
                        salesShare = CDecimal(ref c, 0, 1);
                        break;
                    case 7:
                        years = CInt(ref c, 0);
                        break;
                    case 8:
                        internationalShare = CDecimal(ref c, 0, 1);
                        break;
                    case 9:
                        domesticRank = CInt(ref c, 1);
                        break;
                    case 10:
                        leading = CBool(ref c);
                        break;
                    case 11:
                        restricted = CBool(ref c);
                        break;
                    case 12:
                        revenueShare = CDecimal(ref c, 0, 1);
                        break;
                    case 13:
                        productCount = CInt(ref c, 1);
                        break;
                    case 14:
                        direction = CEnum(ref c, Utf8IndustryDirection);
                        break;
                    default:
                        break;
                }
            }
            while (c.TryEat((byte)','));
            EndObject(ref c);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private IntellectualProperty? CIntellectualProperty(ref CompactCursor c)
    {
        if (!CObject(ref c, out var empty))
        {
            return null;
        }
        Span<int?> values = stackalloc int?[IpNames.Count];
        if (!empty)
        {
            var members = new Members(IpNames, this);
            do
            {
                var id = members.Next(ref c);
                if (id >= 0)
                {
                    values[id] = CInt(ref c, 0);
                }
            }
            while (c.TryEat((byte)','));
            EndObject(ref c);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private QualityInfo? CQuality(ref CompactCursor c)
    {
        if (!CObject(ref c, out var empty))
        {
            return null;
        }
        IReadOnlyList<string>? certs = null;
        bool? award = null, developed = null, brand = null;
        if (!empty)
        {
            var members = new Members(QualityNames, this);
            do
            {
                switch (members.Next(ref c))
                {
                    case 0:
                        certs = CStrings(ref c);
                        break;
                    case 1:
                        award = CBool(ref c);
                        break;
                    case 2:
                        developed = CBool(ref c);
                        break;
                    case 3:
                        brand = CBool(ref c);
                        break;
                    default:
                        break;
                }
            }
            while (c.TryEat((byte)','));
            EndObject(ref c);
        }
        return new QualityInfo
        {
            ProvincialQualityAward = award,
            ManagementSystemCertifications = certs,
            DevelopedMarketProductCertification = developed,
            OwnBrand = brand,
        };
    }

    /// <summary>The certificates: null → absent; [] → empty; each element a string (pooled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string[]? CStrings(ref CompactCursor c)
    {
        if (!CArray(ref c, out var empty))
        {
            return null;
        }
        if (empty)
        {
            return [];
        }
        _strings.Clear();
        do
        {
            if (CString(ref c, pool: true) is { } s)
            {
                _strings.Add(s);
            }
            else
            {
                c.Fail(); // null is not a certificate
            }
        }
        while (MoreElements(ref c));
        return [.. _strings];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private IReadOnlyList<StandardEntry>? CStandards(ref CompactCursor c)
    {
        if (!CArray(ref c, out var empty))
        {
            return null;
        }
        if (empty)
        {
            return [];
        }
        var list = _scratchStandards;
        list.Clear();
        do
        {
            string? level = null, role = null;
            int? year = null;
            if (CObject(ref c, out var none) && !none)
            {
                var members = new Members(StandardNames, this);
                do
                {
                    switch (members.Next(ref c))
                    {
                        case 0:
                            level = CEnum(ref c, Utf8StandardLevel);
                            break;
                        case 1:
                            role = CEnum(ref c, Utf8StandardRole);
                            break;
                        case 2:
                            year = CInt(ref c);
                            break;
                        default:
                            break;
                    }
                }
                while (c.TryEat((byte)','));
                EndObject(ref c);
            }
            if (level is null || role is null)
            {
                c.Fail(); // not an object, or level or role missing
                return null;
            }
            list.Add(new StandardEntry(level, role, year));
        }
        while (MoreElements(ref c));
        return [.. list];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private IReadOnlyList<Honor>? CHonors(ref CompactCursor c)
    {
        if (!CArray(ref c, out var empty))
        {
            return null;
        }
        if (empty)
        {
            return [];
        }
        var list = _scratchHonors;
        list.Clear();
        do
        {
            string? kind = null;
            int? year = null, rank = null;
            DateOnly? until = null;
            if (CObject(ref c, out var none) && !none)
            {
                var members = new Members(HonorNames, this);
                do
                {
                    switch (members.Next(ref c))
                    {
                        case 0:
                            kind = CEnum(ref c, Utf8HonorKind);
                            break;
                        case 1:
                            year = CInt(ref c);
                            break;
                        case 2:
                            until = CDate(ref c);
                            break;
                        case 3:
                            rank = CInt(ref c, 1);
                            break;
                        default:
                            break;
                    }
                }
                while (c.TryEat((byte)','));
                EndObject(ref c);
            }
            if (kind is null)
            {
                c.Fail();
                return null;
            }
            list.Add(new Honor(kind, year, until, rank));
        }
        while (MoreElements(ref c));
        return [.. list];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private IReadOnlyList<Recognition>? CRecognitions(ref CompactCursor c)
    {
        if (!CArray(ref c, out var empty))
        {
            return null;
        }
        if (empty)
        {
            return [];
        }
        var list = _scratchRecognitions;
        list.Clear();
        do
        {
            string? tier = null, issuer = null;
            DateOnly? on = null, until = null;
            if (CObject(ref c, out var none) && !none)
            {
                var members = new Members(RecognitionNames, this);
                do
                {
                    switch (members.Next(ref c))
                    {
                        case 0:
                            tier = CEnum(ref c, Utf8Tier);
                            break;
                        case 1:
                            on = CDate(ref c);
                            break;
                        case 2:
                            until = CDate(ref c);
                            break;
                        case 3:
                            issuer = CString(ref c, pool: true);
                            break;
                        default:
                            break;
                    }
                }
                while (c.TryEat((byte)','));
                EndObject(ref c);
            }
            if (tier is null || on is not { } start || until < start)
            {
                c.Fail();
                return null;
            }
            list.Add(new Recognition(tier, start, until, issuer));
        }
        while (MoreElements(ref c));
        return [.. list];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Compliance? CCompliance(ref CompactCursor c)
    {
        if (!CObject(ref c, out var empty))
        {
            return null;
        }
        Span<bool?> values = stackalloc bool?[ComplianceNames.Count];
        if (!empty)
        {
            var members = new Members(ComplianceNames, this);
            do
            {
                var id = members.Next(ref c);
                if (id >= 0)
                {
                    values[id] = CBool(ref c);
                }
            }
            while (c.TryEat((byte)','));
            EndObject(ref c);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private IReadOnlyList<QualityEvaluation>? CQualityEvaluations(ref CompactCursor c)
    {
        if (!CArray(ref c, out var empty))
        {
            return null;
        }
        if (empty)
        {
            return [];
        }
        var list = _scratchEvaluations;
        list.Clear();
        do
        {
            int? year = null;
            decimal? score = null;
            if (CObject(ref c, out var none) && !none)
            {
                var members = new Members(QualityEvaluationNames, this);
                do
                {
                    switch (members.Next(ref c))
                    {
                        case 0:
                            year = CInt(ref c, 1990, 2100);
                            break;
                        case 1:
                            score = CDecimal(ref c, 0, 100);
                            break;
                        default:
                            break;
                    }
                }
                while (c.TryEat((byte)','));
                EndObject(ref c);
            }
            if (year is not { } y || score is not { } s || HasYear(list, y))
            {
                c.Fail(); // missing, or a year given twice
                return null;
            }
            list.Add(new QualityEvaluation(y, s));
        }
        while (MoreElements(ref c));
        return [.. list];
    }

    private static bool HasYear(List<QualityEvaluation> list, int year)
    {
        foreach (var q in list)
        {
            if (q.Year == year)
            {
                return true;
            }
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string[]? CVerifiedCriteria(ref CompactCursor c)
    {
        if (!CArray(ref c, out var empty))
        {
            return null;
        }
        if (empty)
        {
            return [];
        }
        _strings.Clear();
        do
        {
            if (CString(ref c, pool: true) is not { } id || !IsCriterionId(id) || _strings.Contains(id))
            {
                c.Fail(); // null, not a criterion id, or given twice
                return null;
            }
            _strings.Add(id);
        }
        while (MoreElements(ref c));
        return [.. _strings];
    }

    // ---- values: null reads as absent, as in the general reader; anything the schema refuses fails the cursor ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? CString(ref CompactCursor c, bool pool)
    {
        if (c.TryNull())
        {
            return null;
        }
        var utf8 = c.String();
        if (c.Failed)
        {
            return null;
        }
        return pool ? _pool.Get(utf8) : System.Text.Encoding.UTF8.GetString(utf8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? CEnum(ref CompactCursor c, Utf8Vocabulary allowed)
    {
        if (c.TryNull())
        {
            return null;
        }
        var known = allowed.Find(c.String());
        if (known is null)
        {
            c.Fail();
        }
        return known;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool? CBool(ref CompactCursor c) => c.TryNull() ? null : c.Bool();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DateOnly? CDate(ref CompactCursor c)
    {
        if (c.TryNull())
        {
            return null;
        }
        if (Utf8Values.TryGetDate(c.String(), out var date))
        {
            return date;
        }
        c.Fail();
        return null;
    }

    /// <summary>A whole number of at most nine digits within the bounds (a count's explicit limit when none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int? CInt(ref CompactCursor c, int min = -Limits.MaxCount, int max = Limits.MaxCount)
    {
        if (c.TryNull())
        {
            return null;
        }
        var s = c.Number();
        var negative = s.Length > 0 && s[0] == (byte)'-';
        var digits = s[(negative ? 1 : 0)..];
        if (digits.Length is < 1 or > 9 || digits.Contains((byte)'.'))
        {
            c.Fail(); // 250.0 is an integer too, and a long number may be out of range: the general reader decides
            return null;
        }
        var v = 0;
        foreach (var d in digits)
        {
            v = (v * 10) + (d - '0');
        }
        v = negative ? -v : v;
        if (v < min || v > max)
        {
            c.Fail();
            return null;
        }
        return v;
    }

    /// <summary>An amount or share within whole bounds (the format's amount limit when none), decided in integers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static decimal? CDecimal(ref CompactCursor c, long min = -MaxAmountWhole, long max = MaxAmountWhole)
    {
        if (c.TryNull())
        {
            return null;
        }
        var s = c.Number();
        if (!c.Failed && Utf8Values.TryFastParts(s, out var mantissa, out var scale, out var negative) && scale < PowersOfTen.Length)
        {
            var unit = PowersOfTen[scale];
            var signed = negative ? -mantissa : mantissa;
            if (signed >= min * unit && signed <= max * unit)
            {
                return Utf8Values.Decimal(mantissa, scale, negative);
            }
        }
        c.Fail();
        return null;
    }
}
