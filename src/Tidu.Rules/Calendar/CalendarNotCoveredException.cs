namespace Tidu.Rules.Calendar;

/// <summary>
/// A working day was asked of a date no shipped holiday arrangement covers: the State Council's notice for that year
/// has not been added to rules/calendar/. <see cref="Exception.Message"/> says so in Chinese, for the user.
/// </summary>
public sealed class CalendarNotCoveredException(DateOnly day)
    : Exception($"{day.Year}年的节假日安排尚未收录（缺少《国务院办公厅关于{day.Year}年部分节假日安排的通知》），无法按工作日计算{day:yyyy-MM-dd}前后的期限")
{
    public DateOnly Day { get; } = day;

    /// <summary>The same in English, for logs and ProblemDetails' detail.</summary>
    public string Detail => $"no holiday arrangement for {Day.Year} in rules/calendar (needed for {Day:yyyy-MM-dd})";
}
