using System.Text.Json.Nodes;
using Tidu.Rules.Evaluation;

namespace Tidu.Web;

/// <summary>
/// One line of a check table on a page (Pages/Shared/_CheckTable): title, actual, required, outcome, citation, and
/// whether the rule's value is still unverified against its source (shown as 待核实).
/// Built from a live <see cref="CheckResult"/> or from a trace stored as JSON (an application's evaluation as it
/// was when submitted), so both read the same.
/// </summary>
public sealed record CheckRow(string Title, string Actual, string Required, string Outcome, string? Cite, bool Passed, bool Unverified = false)
{
    public static CheckRow From(CheckResult c, Tidu.Rules.Model.Verification verification)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(verification);
        return new(Titled(c.Title, c.Note), Shown(Pages.Enterprises.DetailModel.Show(c.Actual), c.Unit, c.Points), Explaining.Required(c.Required),
            Explaining.Outcome(c.Passed, c.MissingField, c.Defaulted), c.Cite, c.Passed, !verification.For(c.Id).IsVerified);
    }

    /// <summary>The checks of <paramref name="tier"/> in a trace written by <see cref="EvaluationJsonWriter"/>; none when the tier is not in it.</summary>
    public static IReadOnlyList<CheckRow> FromTrace(string traceJson, string tier)
    {
        if (JsonNode.Parse(traceJson)?["tiers"]?[tier]?["checks"] is not JsonArray checks)
        {
            return [];
        }
        return [.. checks.OfType<JsonObject>().Select(c =>
        {
            var passed = c["passed"]?.GetValue<bool>() ?? false;
            var actual = StoredActual(c["actual"]);
            var points = c["points"]?.GetValue<decimal>();
            return new CheckRow(Titled(Text(c, "title") ?? "", Text(c, "note")), Shown(actual, Text(c, "unit"), points), Explaining.Required(Text(c, "required")),
                Explaining.Outcome(passed, Text(c, "missingField"), c["defaulted"]?.GetValue<bool>() ?? false), Text(c, "cite"), passed,
                Text(c, "verification") is not null);
        })];
    }

    /// <summary>A stored actual value shown as the live page shows it (是/否 for booleans, numbers invariant).</summary>
    private static string StoredActual(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => Pages.Enterprises.DetailModel.Show(b),
        JsonValue v when v.TryGetValue<decimal>(out var d) => Pages.Enterprises.DetailModel.Show(d),
        _ => Pages.Enterprises.DetailModel.Show(node),
    };

    private static string? Text(JsonObject o, string name) => o[name]?.GetValue<string>();

    private static string Titled(string title, string? note) => note is null ? title : $"{title}（{note}）";

    private static string Shown(string actual, string? unit, decimal? points) =>
        $"{actual}{unit}{(points is { } p ? $"（{Pages.Enterprises.DetailModel.Show(p)} 分）" : "")}";
}
