using System.Reflection;
using Shouldly;
using Tidu.Data.Entities;
using Tidu.Data.Registry;
using Tidu.Domain.Profiles;
using Xunit;

namespace Tidu.Data.Tests.Registry;

/// <summary>
/// The one list of stored yearly figures covers every figure of a profile's year, and each entry moves its own figure
/// into its own column: a figure the exchange format adds without an entry here would be dropped on storage.
/// </summary>
public sealed class YearFieldsTests
{
    // Not figures: the year is the row's key, the input index only points explanations into the input.
    private static readonly string[] NotFigures = [nameof(FinancialYear.Year), nameof(FinancialYear.InputIndex)];

    private static IEnumerable<PropertyInfo> Figures() =>
        typeof(FinancialYear).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !NotFigures.Contains(p.Name));

    [Fact]
    public void Every_figure_of_a_profile_year_has_one_entry_named_after_it()
    {
        var listed = YearFields.Amounts.Select(a => a.Column).Concat(YearFields.Headcounts.Select(h => h.Column)).ToList();
        listed.ShouldBeUnique();
        listed.ShouldBe(Figures().Select(p => p.Name), ignoreOrder: true);
        YearFields.Columns.ShouldBe(listed);
        foreach (var a in YearFields.Amounts.Select(a => (a.Key, a.Column)).Concat(YearFields.Headcounts.Select(h => (h.Key, h.Column))))
        {
            // The exchange-format key is the member's name in camel case (docs/exchange-format.md, the schema).
            a.Key.ShouldBe(char.ToLowerInvariant(a.Column[0]) + a.Column[1..]);
        }
    }

    [Fact]
    public void Each_entry_carries_its_own_figure_into_its_own_column_and_back()
    {
        // A distinct value per figure, so an entry that reads or writes a neighbour's is caught.
        var figures = Figures().ToList();
        var year = new FinancialYear { Year = 2024 };
        foreach (var (p, i) in figures.Select((p, i) => (p, i)))
        {
            typeof(FinancialYear).GetProperty(p.Name)!.SetValue(year, p.PropertyType == typeof(int?) ? (object)(100 + i) : 1000.25m + i);
        }
        var row = new EnterpriseFinancialYear { Year = 2024 };
        foreach (var a in YearFields.Amounts)
        {
            a.Set(row, a.FromProfile(year));
        }
        foreach (var h in YearFields.Headcounts)
        {
            h.Set(row, h.FromProfile(year));
        }
        foreach (var (p, i) in figures.Select((p, i) => (p, i)))
        {
            var expected = p.PropertyType == typeof(int?) ? (object)(100 + i) : 1000.25m + i;
            typeof(EnterpriseFinancialYear).GetProperty(p.Name)!.GetValue(row).ShouldBe(expected, p.Name);
        }
        YearFields.Values(row).ShouldBe(YearFields.Columns.Select(c => typeof(EnterpriseFinancialYear).GetProperty(c)!.GetValue(row)));
    }
}
