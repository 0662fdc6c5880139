using System.Text.Json.Nodes;
using Tidu.Domain.Display;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Model;

namespace Tidu.Web;

/// <summary>
/// One line of a check table on a page (Pages/Shared/_CheckTable): title, actual, required, outcome, citation, all in
/// Chinese, and whether the rule's value is still unverified against its source (shown as 待核实). Built from a live
/// <see cref="CheckResult"/> or from a trace stored as JSON (an application's evaluation as it was when submitted), so
/// both read the same. <c>yearAt</c> names a financials entry by its fiscal year.
/// </summary>
public sealed record CheckRow(string Title, string Actual, string Required, string Outcome, string? Cite, bool Passed, bool Unverified = false)
{
    public static CheckRow From(CheckResult c, RuleVersionInfo version, RuleIndex index, Func<int, int?>? yearAt)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(index);
        string? TitleOf(string id) => index.Title(version, id);
        return new(Titled(c.Title, c.Note), Shown(ActualText(c.Actual, c.Kind, TitleOf), c.Unit, c.Points), RequiredText(c.Required, c.Kind, c.Unit, TitleOf),
            Explaining.Outcome(c.Passed, c.MissingField, c.Defaulted, yearAt), c.Cite, c.Passed, !version.Verification.For(c.Id).IsVerified);
    }

    /// <summary>The checks of <paramref name="tier"/> in a trace written by <see cref="EvaluationJsonWriter"/>; none when the tier is not in it.</summary>
    public static IReadOnlyList<CheckRow> FromTrace(string traceJson, string tier, RuleIndex index, Func<int, int?>? yearAt)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (JsonNode.Parse(traceJson)?["tiers"]?[tier] is not JsonObject result || result["checks"] is not JsonArray checks)
        {
            return [];
        }
        var ruleSetId = result["ruleSet"] is JsonObject rs ? Text(rs, "id") ?? tier : tier;
        var versionId = result["ruleSet"] is JsonObject rv ? Text(rv, "version") ?? "" : "";
        string? TitleOf(string id) => index.Title(ruleSetId, versionId, id);
        return [.. checks.OfType<JsonObject>().Select(c =>
        {
            var passed = c["passed"]?.GetValue<bool>() ?? false;
            var kind = Text(c, "kind") ?? "check";
            var unit = Text(c, "unit");
            var points = c["points"]?.GetValue<decimal>();
            return new CheckRow(Titled(Text(c, "title") ?? "", Text(c, "note")), Shown(ActualText(StoredActual(c["actual"]), kind, TitleOf), unit, points),
                RequiredText(Text(c, "required"), kind, unit, TitleOf),
                Explaining.Outcome(passed, Text(c, "missingField"), c["defaulted"]?.GetValue<bool>() ?? false, yearAt), Text(c, "cite"), passed,
                Text(c, "verification") is not null);
        })];
    }

    /// <summary>A stored actual value as the live explanation holds it (text, yes/no or number).</summary>
    private static object? StoredActual(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        null => null,
        _ => ValueText.Of(node),
    };

    /// <summary>
    /// An indicator that counts items shows the ids of those held ("none" when none): they read as the items' titles.
    /// Anything else is a value of the display vocabulary.
    /// </summary>
    private static string ActualText(object? actual, string kind, Func<string, string?> titleOf)
    {
        if (kind == "indicator" && actual is string s)
        {
            if (s == "none")
            {
                return "无";
            }
            var titles = s.Split(", ").Select(id => titleOf(id)).ToList();
            if (titles.TrueForAll(t => t is not null))
            {
                return string.Join("、", titles);
            }
        }
        return DisplayNames.Value(actual);
    }

    /// <summary>The requirement in Chinese; the better of several readings names the reading that scored ("reading: band").</summary>
    private static string RequiredText(string? required, string kind, string? unit, Func<string, string?> titleOf)
    {
        if (kind == "indicator" && required is not null && required.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon
            && titleOf(required[..colon]) is { } reading)
        {
            return $"{reading}：{Requirements.Describe(required[(colon + 2)..])}";
        }
        return Requirements.Describe(required, kind == "check" ? unit : null);
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Titled(string title, string? note) => note is null ? title : $"{title}（{note}）";

    private static string Shown(string actual, string? unit, decimal? points) =>
        $"{actual}{(actual == "—" ? "" : unit)}{(points is { } p ? $"（{DisplayNames.Value(p)} 分）" : "")}";
}
