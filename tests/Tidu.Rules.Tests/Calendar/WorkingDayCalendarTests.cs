using Shouldly;
using Tidu.Rules.Calendar;
using Tidu.Rules.Files;
using Xunit;

namespace Tidu.Rules.Tests.Calendar;

/// <summary>
/// Working days by the State Council's holiday arrangements shipped in rules/calendar: Monday–Friday, minus the days
/// off, plus the weekend days made working days (调休上班). Expected days are read from the notices themselves
/// (e.g. 2026: 国办发明电〔2025〕7号), each edge on both sides.
/// </summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Shipped = WorkingDayCalendar.LoadDefault();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Every_year_from_2016_to_2026_is_covered_and_none_after()
    {
        Shipped.Years.Select(y => y.Year).ShouldBe(Enumerable.Range(2016, 11));
        Shipped.Covers(D(2026, 12, 31)).ShouldBeTrue();
        Shipped.Covers(D(2027, 1, 1)).ShouldBeFalse();
        Shipped.Covers(D(2015, 12, 31)).ShouldBeFalse();
    }

    [Fact]
    public void A_year_without_a_notice_fails_clearly_in_Chinese()
    {
        var ex = Should.Throw<CalendarNotCoveredException>(() => Shipped.IsWorkingDay(D(2027, 1, 4)));
        ex.Message.ShouldContain("2027年的节假日安排尚未收录");
        ex.Message.ShouldContain("国务院办公厅关于2027年部分节假日安排的通知");
        ex.Day.ShouldBe(D(2027, 1, 4));
        // A period that runs into the missing year fails too, instead of counting weekdays.
        Should.Throw<CalendarNotCoveredException>(() => Shipped.LastOf(D(2026, 12, 28), 5));
        Shipped.LastOf(D(2026, 12, 28), 4).ShouldBe(D(2026, 12, 31));
    }

    [Fact]
    public void National_day_2026_and_its_adjusted_saturday()
    {
        // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
        Shipped.Day(D(2026, 9, 30)).Kind.ShouldBe(DayKind.Workday);
        Shipped.Day(D(2026, 10, 1)).Kind.ShouldBe(DayKind.Holiday);
        Shipped.Day(D(2026, 10, 7)).Kind.ShouldBe(DayKind.Holiday);
        Shipped.Day(D(2026, 10, 8)).Kind.ShouldBe(DayKind.Workday);
        Shipped.Day(D(2026, 10, 10)).Kind.ShouldBe(DayKind.AdjustedWorkday);
        Shipped.Day(D(2026, 10, 11)).Kind.ShouldBe(DayKind.Weekend);
        Shipped.Day(D(2026, 9, 20)).Kind.ShouldBe(DayKind.AdjustedWorkday);
        Shipped.Day(D(2026, 10, 1)).Cite.ShouldBe("国办发明电〔2025〕7号 七");
        Shipped.Day(D(2026, 10, 1)).Reason.ShouldBe("国庆节");
    }

    [Fact]
    public void Five_working_days_of_publicity_across_national_day_2026()
    {
        // 9-30 (Wed), 10-8 (Thu), 10-9 (Fri), 10-10 (Sat, 调休上班), 10-12 (Mon).
        Shipped.LastOf(D(2026, 9, 30), 5).ShouldBe(D(2026, 10, 12));
        // Starting during the holiday: the first working day is 10-8.
        Shipped.FirstOnOrAfter(D(2026, 10, 1)).ShouldBe(D(2026, 10, 8));
        Shipped.LastOf(D(2026, 10, 1), 3).ShouldBe(D(2026, 10, 10));
    }

    [Fact]
    public void Spring_festival_2026_on_both_sides_with_two_adjusted_saturdays()
    {
        // 二、春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
        Shipped.IsWorkingDay(D(2026, 2, 13)).ShouldBeTrue();
        Shipped.IsWorkingDay(D(2026, 2, 14)).ShouldBeTrue();
        Shipped.IsWorkingDay(D(2026, 2, 16)).ShouldBeFalse(); // a Monday off
        Shipped.IsWorkingDay(D(2026, 2, 23)).ShouldBeFalse(); // the last day off, a Monday
        Shipped.IsWorkingDay(D(2026, 2, 24)).ShouldBeTrue();
        Shipped.IsWorkingDay(D(2026, 2, 28)).ShouldBeTrue();
        Shipped.IsWorkingDay(D(2026, 3, 1)).ShouldBeFalse();
        // A deadline of 5 working days after 2026-02-12 (Thu): 02-13, 02-14, 02-24, 02-25, 02-26.
        Shipped.WorkingDaysAfter(D(2026, 2, 12), 5).ShouldBe(D(2026, 2, 26));
    }

    [Fact]
    public void A_notice_may_name_days_of_the_year_before()
    {
        // 国办发明电〔2018〕15号 一：2018年12月30日至2019年1月1日放假调休，2018年12月29日（星期六）上班.
        Shipped.Day(D(2018, 12, 29)).Kind.ShouldBe(DayKind.AdjustedWorkday);
        Shipped.Day(D(2018, 12, 31)).Kind.ShouldBe(DayKind.Holiday); // a Monday off
        Shipped.Day(D(2018, 12, 28)).Kind.ShouldBe(DayKind.Workday);
        Shipped.Day(D(2018, 12, 29)).Cite!.ShouldStartWith("国办发明电〔2018〕15号");
    }

    [Fact]
    public void A_later_notice_amends_the_year()
    {
        // 2019 Labour Day: first 5-1 only; amended (国办发明电〔2019〕3号) to 5-1..5-4 with 4-28 and 5-5 (both Sundays) working.
        Shipped.IsWorkingDay(D(2019, 5, 2)).ShouldBeFalse();
        Shipped.IsWorkingDay(D(2019, 5, 3)).ShouldBeFalse();
        Shipped.IsWorkingDay(D(2019, 4, 28)).ShouldBeTrue();
        Shipped.IsWorkingDay(D(2019, 5, 5)).ShouldBeTrue();
        Shipped.IsWorkingDay(D(2019, 5, 6)).ShouldBeTrue();
        // 2020 Spring Festival extended to 2-2 (国办发明电〔2020〕1号): 1-31 (Fri) off, 2-1 (Sat) no longer a working day.
        Shipped.IsWorkingDay(D(2020, 1, 31)).ShouldBeFalse();
        Shipped.IsWorkingDay(D(2020, 2, 1)).ShouldBeFalse();
        Shipped.IsWorkingDay(D(2020, 2, 3)).ShouldBeTrue();
        Shipped.IsWorkingDay(D(2020, 1, 19)).ShouldBeTrue(); // the first notice's Sunday still stands
    }

    [Fact]
    public void An_ordinary_week_counts_monday_to_friday()
    {
        Shipped.LastOf(D(2026, 11, 18), 5).ShouldBe(D(2026, 11, 24));
        Shipped.FirstOnOrAfter(D(2026, 11, 21)).ShouldBe(D(2026, 11, 23));
        Shipped.LastOf(D(2026, 11, 20), 1).ShouldBe(D(2026, 11, 20));
        Should.Throw<ArgumentOutOfRangeException>(() => Shipped.LastOf(D(2026, 11, 18), 0));
    }

    [Fact]
    public void Every_notice_is_cited_and_verified()
    {
        foreach (var y in Shipped.Years)
        {
            y.Notices.ShouldNotBeEmpty();
            y.Notices[0].Title.ShouldBe($"国务院办公厅关于{y.Year}年部分节假日安排的通知");
            y.Notices.ShouldAllBe(n => n.Number != null && n.Number.StartsWith("国办发明电", StringComparison.Ordinal) && n.Published != null);
            y.Notices.ShouldAllBe(n => n.Verification.IsVerified);
        }
    }

    [Fact]
    public void A_working_weekend_whose_printed_weekday_disagrees_fails_loading()
    {
        using var dir = new TempCalendar("""
            id: cn-2026
            kind: holiday-arrangement
            title: 测试
            year: 2026
            notices:
              - title: 国务院办公厅关于2026年部分节假日安排的通知
                number: 国办发明电〔2025〕7号
                published: 2025-11-04
                workdays:
                  - {date: 2026-10-10, weekday: 周日, cite: 七}
                  - {date: 2026-10-09, weekday: 周五, cite: 七}
            """);
        var ex = Should.Throw<RuleLoadException>(() => WorkingDayCalendar.Load(dir.Path));
        ex.Errors.Select(e => e.Message).ShouldContain(m => m.Contains("recorded as '周日'", StringComparison.Ordinal));
        ex.Errors.Select(e => e.Message).ShouldContain(m => m.Contains("only a Saturday or a Sunday", StringComparison.Ordinal));
        ex.Errors.ShouldAllBe(e => e.File == "calendar/cn-2026.yaml");
    }

    private sealed class TempCalendar : IDisposable
    {
        public TempCalendar(string yaml)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tidu-calendar-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(System.IO.Path.Combine(Path, WorkingDayCalendar.Folder));
            File.WriteAllText(System.IO.Path.Combine(Path, WorkingDayCalendar.Folder, "cn-2026.yaml"), yaml);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
