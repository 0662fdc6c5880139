using System.Globalization;
using System.Text.Json;
using Tidu.Domain.Profiles;
using Tidu.Rules.Model;
using Tidu.Rules.Plans;
using Tidu.Rules.Values;

namespace Tidu.Rules.Evaluation;

/// <summary>
/// Writes the outcome of one evaluation (<see cref="PlanOutcome"/>) as a result line without checks — the bytes
/// <see cref="EvaluationJsonWriter.Write"/> writes for the same evaluation with <c>includeChecks: false</c> — with
/// <see cref="Utf8JsonWriter"/> into the caller's (pooled) buffer. Everything that depends only on the plan (titles, the
/// rule versions with their citations, property names) is encoded once per plan by <see cref="EvaluationJsonWriter"/>
/// itself and copied; only the enterprise's own values are written per line.
/// </summary>
public static class OutcomeJsonWriter
{
    /// <summary>The writer options: the result format's, without structural checks (the structure is fixed here).</summary>
    public static readonly JsonWriterOptions Options = EvaluationJsonWriter.Options with { SkipValidation = true };

    private static readonly JsonEncodedText CreditCode = Encode("creditCode");
    private static readonly JsonEncodedText Name = Encode("name");
    private static readonly JsonEncodedText RegionCode = Encode("regionCode");
    private static readonly JsonEncodedText AsOf = Encode("asOf");
    private static readonly JsonEncodedText SizeClass = Encode("sizeClass");
    private static readonly JsonEncodedText SizeClassDetail = Encode("sizeClassDetail");
    private static readonly JsonEncodedText IndustryGroup = Encode("industryGroup");
    private static readonly JsonEncodedText IndustryGroupTitle = Encode("industryGroupTitle");
    private static readonly JsonEncodedText RuleSet = Encode("ruleSet");
    private static readonly JsonEncodedText MissingField = Encode("missingField");
    private static readonly JsonEncodedText MissingReason = Encode("missingReason");
    private static readonly JsonEncodedText Tiers = Encode("tiers");
    private static readonly JsonEncodedText Qualified = Encode("qualified");
    private static readonly JsonEncodedText Score = Encode("score");
    private static readonly JsonEncodedText Title = Encode("title");
    private static readonly JsonEncodedText SubScores = Encode("subScores");
    private static readonly JsonEncodedText Points = Encode("points");
    private static readonly JsonEncodedText Max = Encode("max");
    private static readonly JsonEncodedText[] Sizes = [Encode("large"), Encode("medium"), Encode("small"), Encode("micro")];

    private static JsonEncodedText Encode(string s) => JsonEncodedText.Encode(s, EvaluationJsonWriter.Options.Encoder);

    /// <summary>Writes the result object of <paramref name="profile"/> (no trailing newline).</summary>
    public static void Write(Utf8JsonWriter w, EnterpriseProfile profile, PlanOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(outcome);
        var plan = outcome.Plan;
        var json = plan.Json ??= new PlanJson(plan);
        w.WriteStartObject();
        w.WriteString(CreditCode, profile.CreditCode);
        w.WriteString(Name, profile.Name);
        w.WriteString(RegionCode, profile.RegionCode);
        w.WriteString(AsOf, json.AsOf);
        if (outcome.SizeClass is { } size)
        {
            w.WriteString(SizeClass, Sizes[SizeIndex(size)]);
        }
        else
        {
            w.WriteNull(SizeClass);
        }
        w.WritePropertyName(SizeClassDetail);
        if (outcome.Group is { } group && !outcome.HasSizeMissing)
        {
            w.WriteRawValue(json.GroupDetail(group), skipInputValidation: true);
        }
        else
        {
            w.WriteStartObject();
            if (outcome.Group is { } g)
            {
                w.WriteString(IndustryGroup, g.Id);
                w.WriteString(IndustryGroupTitle, g.Title);
            }
            w.WritePropertyName(RuleSet);
            w.WriteRawValue(json.SizeVersion, skipInputValidation: true);
            if (outcome.SizeClassMissingField is { } field)
            {
                w.WriteString(MissingField, field);
            }
            if (outcome.SizeClassMissingReason is { } reason)
            {
                w.WriteString(MissingReason, reason);
            }
            w.WriteEndObject();
        }
        w.WriteStartObject(Tiers);
        for (var t = 0; t < plan.Tiers.Count; t++)
        {
            var tier = json.Tier(t);
            w.WriteStartObject(tier.Id);
            w.WriteBoolean(Qualified, outcome.Qualified(t));
            if (outcome.Score(t) is { } s)
            {
                WriteNumber(w, Score, s);
            }
            else
            {
                w.WriteNull(Score);
            }
            w.WriteString(Title, tier.Title);
            w.WritePropertyName(RuleSet);
            w.WriteRawValue(tier.Version, skipInputValidation: true);
            w.WriteStartObject(SubScores);
            for (var d = 0; d < tier.Dimensions.Length; d++)
            {
                var dim = tier.Dimensions[d];
                w.WriteStartObject(dim.Id);
                w.WriteString(Title, dim.Title);
                WriteNumber(w, Points, outcome.SubScore(t, d));
                WriteNumber(w, Max, dim.Max);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static int SizeIndex(string size) => size switch
    {
        "large" => 0,
        "medium" => 1,
        "small" => 2,
        _ => 3,
    };

    /// <summary>A number as the result format writes it (trailing zeros dropped): whole numbers without decimal arithmetic.</summary>
    private static void WriteNumber(Utf8JsonWriter w, JsonEncodedText name, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[1] == 0 && bits[2] == 0 && (bits[3] & 0x00FF0000) == 0)
        {
            w.WriteNumber(name, bits[3] < 0 ? -(long)(uint)bits[0] : (uint)bits[0]);
        }
        else
        {
            w.WriteNumber(name, value.Normalize());
        }
    }

    /// <summary>What every line of one plan shares, encoded once.</summary>
    internal sealed class PlanJson
    {
        private readonly Dictionary<SizeGroup, byte[]> _groups = new(ReferenceEqualityComparer.Instance);
        private readonly TierJson[] _tiers;

        public PlanJson(EvaluationPlan plan)
        {
            AsOf = Encode(plan.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var version = plan.SizeVersion!;
            SizeVersion = EvaluationJsonWriter.Fragment(w => EvaluationJsonWriter.WriteVersionObject(w, version.Info, Jurisdiction.National));
            foreach (var g in version.Groups)
            {
                _groups[g] = EvaluationJsonWriter.Fragment(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("industryGroup", g.Id);
                    w.WriteString("industryGroupTitle", g.Title);
                    w.WritePropertyName("ruleSet");
                    EvaluationJsonWriter.WriteVersionObject(w, version.Info, Jurisdiction.National);
                    w.WriteEndObject();
                });
            }
            _tiers = [.. plan.Tiers.Select(t => new TierJson(
                Encode(t.Set.Id),
                Encode(t.Set.Title),
                EvaluationJsonWriter.Fragment(w => EvaluationJsonWriter.WriteVersionObject(w, t.Version!.Info, t.Set.Jurisdiction)),
                [.. t.Dimensions.Select(d => new DimensionJson(Encode(d.Id), Encode(d.Title), d.Max))]))];
        }

        public JsonEncodedText AsOf { get; }

        public byte[] SizeVersion { get; }

        public byte[] GroupDetail(SizeGroup group) => _groups[group];

        public TierJson Tier(int t) => _tiers[t];
    }

    internal sealed record TierJson(JsonEncodedText Id, JsonEncodedText Title, byte[] Version, DimensionJson[] Dimensions);

    internal sealed record DimensionJson(JsonEncodedText Id, JsonEncodedText Title, decimal Max);
}
