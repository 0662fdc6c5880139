using Tidu.Rules.Files;
using Tidu.Rules.Model;

namespace Tidu.Rules.Calendar;

/// <summary>What kind of day a date is in the State Council's calendar, and why.</summary>
public enum DayKind
{
    /// <summary>Monday to Friday, not a holiday.</summary>
    Workday,

    /// <summary>Saturday or Sunday, not made a working day.</summary>
    Weekend,

    /// <summary>A day off of the holiday arrangement (放假, 调休).</summary>
    Holiday,

    /// <summary>A weekend day made a working day (调休上班).</summary>
    AdjustedWorkday,
}

/// <summary>One day of the calendar: its kind, and for holidays and adjusted working days the notice that says so.</summary>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, string? Reason, string? Cite)
{
    public bool IsWorkingDay => Kind is DayKind.Workday or DayKind.AdjustedWorkday;
}

/// <summary>One State Council notice on the holidays of a year (or one amending it), with its verification record.</summary>
public sealed record HolidayNotice(string Title, string? Number, DateOnly? Published, Verification Verification);

/// <summary>The notices of one calendar year and the days they govern: from January 1 (or an earlier day a notice names) to December 31.</summary>
public sealed record HolidayYear(int Year, string File, DateOnly CoversFrom, DateOnly CoversTo, IReadOnlyList<HolidayNotice> Notices);

/// <summary>
/// Working days as the State Council arranges them (国务院办公厅关于××年部分节假日安排的通知): Monday to Friday, minus the
/// days off of the arrangement, plus the weekend days it makes working days (调休上班). The arrangements are data —
/// one file per year under <c>rules/calendar/</c>, cited and dated; a later notice of the same year (an amendment, such as
/// the 2019 Labour Day change or the 2020 Spring Festival extension) overrides the days it names. A date no file covers
/// has no answer: <see cref="CalendarNotCoveredException"/>, never a guess. Immutable and thread-safe.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>The sub-folder of the rules folder that holds the holiday arrangements (skipped by the tier loader).</summary>
    public const string Folder = "calendar";

    private readonly Dictionary<DateOnly, CalendarDay> _named;

    private WorkingDayCalendar(IReadOnlyList<HolidayYear> years, Dictionary<DateOnly, CalendarDay> named)
    {
        Years = years;
        _named = named;
    }

    /// <summary>The years covered, ascending.</summary>
    public IReadOnlyList<HolidayYear> Years { get; }

    public static WorkingDayCalendar LoadDefault() => Load(RuleLibrary.DefaultDirectory);

    /// <summary>Loads <paramref name="rulesDirectory"/>/calendar, strictly: every problem of every file, with file and line.</summary>
    public static WorkingDayCalendar Load(string rulesDirectory)
    {
        var errors = new List<RuleLoadError>();
        var folder = Path.Combine(rulesDirectory, Folder);
        var years = new List<HolidayYear>();
        var named = new Dictionary<DateOnly, CalendarDay>();
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(rulesDirectory, path).Replace('\\', '/');
                if (RuleFileReader.Read<CalendarFileDto>(path, name, errors) is { } dto && Compile(dto, name, errors, named) is { } year)
                {
                    years.Add(year);
                }
            }
        }
        foreach (var g in years.GroupBy(y => y.Year).Where(g => g.Count() > 1))
        {
            errors.Add(new RuleLoadError(g.Last().File, 1, $"the holidays of {g.Key} are defined twice (also in {g.First().File})"));
        }
        if (errors.Count > 0)
        {
            throw new RuleLoadException(errors);
        }
        return new WorkingDayCalendar([.. years.OrderBy(y => y.Year)], named);
    }

    /// <summary>A calendar built in memory (for tests and fixtures): the given years with the given named days.</summary>
    public static WorkingDayCalendar Of(IEnumerable<HolidayYear> years, IEnumerable<CalendarDay> namedDays)
    {
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(namedDays);
        return new WorkingDayCalendar([.. years.OrderBy(y => y.Year)], namedDays.ToDictionary(d => d.Date));
    }

    /// <summary>True when some holiday arrangement covers <paramref name="day"/>.</summary>
    public bool Covers(DateOnly day) => Years.Any(y => y.CoversFrom <= day && day <= y.CoversTo);

    /// <summary>The kind of <paramref name="day"/>; throws <see cref="CalendarNotCoveredException"/> for a date no arrangement covers.</summary>
    public CalendarDay Day(DateOnly day)
    {
        if (!Covers(day))
        {
            throw new CalendarNotCoveredException(day);
        }
        if (_named.TryGetValue(day, out var named))
        {
            return named;
        }
        return new CalendarDay(day, day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.Weekend : DayKind.Workday, null, null);
    }

    public bool IsWorkingDay(DateOnly day) => Day(day).IsWorkingDay;

    /// <summary>The first working day on or after <paramref name="day"/>.</summary>
    public DateOnly FirstOnOrAfter(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    /// <summary>The last day of a period of <paramref name="count"/> working days beginning on the first working day on or after <paramref name="start"/>.</summary>
    public DateOnly LastOf(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var day = FirstOnOrAfter(start);
        for (var i = 1; i < count; i++)
        {
            day = FirstOnOrAfter(day.AddDays(1));
        }
        return day;
    }

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="day"/>, that day not counted (a deadline).</summary>
    public DateOnly WorkingDaysAfter(DateOnly day, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return LastOf(day.AddDays(1), count);
    }

    private static HolidayYear? Compile(CalendarFileDto dto, string file, List<RuleLoadError> errors, Dictionary<DateOnly, CalendarDay> named)
    {
        var before = errors.Count;
        void Error(int line, string message) => errors.Add(new RuleLoadError(file, line, message));
        if (dto.Kind != "holiday-arrangement")
        {
            Error(dto.Line, $"'kind' must be holiday-arrangement in the calendar folder, got '{dto.Kind}'");
        }
        if (dto.Year is not { } year || year < 1999 || year > 2100)
        {
            Error(dto.Line, "'year' (the calendar year the file governs) is required");
            return null;
        }
        if (dto.Id != $"cn-{year}" || Path.GetFileNameWithoutExtension(file) != dto.Id)
        {
            Error(dto.Line, $"the id must be cn-{year} and the file named cn-{year}.yaml");
        }
        if (string.IsNullOrWhiteSpace(dto.Title))
        {
            Error(dto.Line, "'title' is required");
        }
        if (dto.Notices is not { Count: > 0 } notices)
        {
            Error(dto.Line, "'notices' is required: the State Council's notice for the year");
            return null;
        }
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var compiled = new List<HolidayNotice>();
        // Days named by this file; a later notice overrides an earlier one for the days it names.
        var days = new Dictionary<DateOnly, CalendarDay>();
        foreach (var n in notices)
        {
            if (string.IsNullOrWhiteSpace(n.Title) || string.IsNullOrWhiteSpace(n.Number) || n.Published is null)
            {
                Error(n.Line, "a notice needs its 'title', 'number' (文号) and 'published' date");
            }
            var published = Date(n.Published, n.Line, "published", Error);
            var cite = $"{n.Number ?? n.Title}";
            compiled.Add(new HolidayNotice(n.Title ?? "", n.Number, published, VerificationCompiler.Compile(n.Verification, file, errors, allowValues: false)));
            foreach (var h in n.Holidays ?? [])
            {
                var start = Date(h.From, h.Line, "from", Error);
                var end = Date(h.To ?? h.From, h.Line, "to", Error);
                if (string.IsNullOrWhiteSpace(h.Name) || string.IsNullOrWhiteSpace(h.Cite) || start is null || end is null)
                {
                    Error(h.Line, "a holiday needs 'name', 'from' (and 'to' for a range) and 'cite' (the item of the notice)");
                    continue;
                }
                if (end < start || end.Value.DayNumber - start.Value.DayNumber > 14 || start.Value.Year < year - 1 || end.Value.Year > year)
                {
                    Error(h.Line, $"holiday '{h.Name}' {start:yyyy-MM-dd}–{end:yyyy-MM-dd} is not a range of at most 15 days within the year (or starting at the end of the year before)");
                    continue;
                }
                for (var d = start.Value; d <= end.Value; d = d.AddDays(1))
                {
                    days[d] = new CalendarDay(d, DayKind.Holiday, h.Name, $"{cite} {h.Cite}");
                    from = d < from ? d : from;
                }
            }
            foreach (var w in n.Workdays ?? [])
            {
                var date = Date(w.Date, w.Line, "date", Error);
                if (date is not { } d || string.IsNullOrWhiteSpace(w.Cite) || string.IsNullOrWhiteSpace(w.Weekday))
                {
                    Error(w.Line, "an adjusted working day needs 'date', 'weekday' (as the notice prints it) and 'cite'");
                    continue;
                }
                if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    Error(w.Line, $"{d:yyyy-MM-dd} is a {d.DayOfWeek}: only a Saturday or a Sunday can be made a working day");
                    continue;
                }
                var printed = w.Weekday switch
                {
                    "星期六" or "周六" => DayOfWeek.Saturday,
                    "星期日" or "周日" => DayOfWeek.Sunday,
                    _ => (DayOfWeek?)null,
                };
                if (printed != d.DayOfWeek)
                {
                    Error(w.Line, $"{d:yyyy-MM-dd} is a {d.DayOfWeek}, but the notice's weekday is recorded as '{w.Weekday}'");
                    continue;
                }
                days[d] = new CalendarDay(d, DayKind.AdjustedWorkday, "调休上班", $"{cite} {w.Cite}");
                from = d < from ? d : from;
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        foreach (var (d, day) in days)
        {
            named[d] = day;
        }
        return new HolidayYear(year, file, from, to, compiled);
    }

    private static DateOnly? Date(string? text, int line, string key, Action<int, string> error)
    {
        if (text is null)
        {
            return null;
        }
        if (IsoDate.TryParse(text, out var d))
        {
            return d;
        }
        error(line, $"'{key}' must be an ISO date (YYYY-MM-DD), got '{text}'");
        return null;
    }
}
