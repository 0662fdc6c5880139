// The YAML shape of a holiday-arrangement file under rules/calendar/ (one per year), read by the rule files' strict
// reader: an unknown key is an error with its line. WorkingDayCalendar turns these into the calendar.
#pragma warning disable CA1812 // instantiated by YamlDotNet
#pragma warning disable CA2227 // setters are required by the deserializer
using Tidu.Rules.Files;
using YamlDotNet.Serialization;

namespace Tidu.Rules.Calendar;

internal sealed class CalendarFileDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Id { get; set; }
    public string? Kind { get; set; }
    public string? Title { get; set; }

    /// <summary>The calendar year the file governs (its notices may also name days at the end of the year before).</summary>
    public int? Year { get; set; }

    /// <summary>The State Council's notice for the year and any later notice amending it, in the order they were issued.</summary>
    public List<NoticeDto>? Notices { get; set; }
}

internal sealed class NoticeDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Title { get; set; }
    public string? Number { get; set; }
    public string? Issuer { get; set; }
    public string? Published { get; set; }
    public VerificationDto? Verification { get; set; }
    public List<HolidayDto>? Holidays { get; set; }
    public List<WorkdayDto>? Workdays { get; set; }
}

/// <summary>Days off as the notice states them: a name and a range, both ends inclusive.</summary>
internal sealed class HolidayDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Name { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Cite { get; set; }
}

/// <summary>A weekend day the notice makes a working day (调休上班), with the weekday the notice writes beside it.</summary>
internal sealed class WorkdayDto : IHasLine
{
    [YamlIgnore] public int Line { get; set; }
    public string? Date { get; set; }

    /// <summary>星期六 or 星期日 (周六/周日) as printed in the notice: checked against the date.</summary>
    public string? Weekday { get; set; }
    public string? Cite { get; set; }
}
