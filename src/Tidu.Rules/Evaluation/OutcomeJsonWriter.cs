using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Tidu.Domain.Profiles;
using Tidu.Rules.Model;
using Tidu.Rules.Plans;
using Tidu.Rules.Values;

namespace Tidu.Rules.Evaluation;

/// <summary>
/// Writes the outcome of one evaluation (<see cref="PlanOutcome"/>) as a result line without checks — the bytes
/// <see cref="EvaluationJsonWriter.Write"/> writes for the same evaluation with <c>includeChecks: false</c> and rule
/// versions by reference (<see cref="RuleSetDetail.Reference"/>, as in every results file) — with
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        Span<byte> scratch = stackalloc byte[ScratchBytes];
        for (var t = 0; t < plan.Tiers.Count; t++)
        {
            var tier = json.Tier(t);
            w.WritePropertyName(tier.Id);
            var qualified = outcome.Qualified(t);
            if (outcome.Score(t) is not { } score)
            {
                w.WriteRawValue(qualified ? tier.Qualified : tier.NotQualified, skipInputValidation: true);
                continue;
            }
            // A scored tier: its template with the score and points filled in (as Utf8JsonWriter formats numbers).
            var n = Put(scratch, 0, qualified ? tier.Qualified : tier.NotQualified);
            n = PutNumber(scratch, n, score);
            n = Put(scratch, n, tier.Middle);
            for (var d = 0; d < tier.Dimensions.Length; d++)
            {
                n = Put(scratch, n, tier.Dimensions[d].Head);
                n = PutNumber(scratch, n, outcome.SubScore(t, d));
                n = Put(scratch, n, tier.Dimensions[d].Tail);
            }
            n = Put(scratch, n, "}}"u8);
            w.WriteRawValue(scratch[..n], skipInputValidation: true);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Room for one scored tier's object (a template of a few hundred bytes and some numbers).</summary>
    private const int ScratchBytes = 8192;

    private static int Put(Span<byte> to, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(to[at..]);
        return at + bytes.Length;
    }

    /// <summary>A number as the result format writes it (trailing zeros dropped), formatted as Utf8JsonWriter formats it.</summary>
    private static int PutNumber(Span<byte> to, int at, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int written;
        var ok = bits[1] == 0 && bits[2] == 0 && (bits[3] & 0x00FF0000) == 0
            ? Utf8Formatter.TryFormat(bits[3] < 0 ? -(long)unchecked((uint)bits[0]) : unchecked((uint)bits[0]), to[at..], out written)
            : Utf8Formatter.TryFormat(value.Normalize(), to[at..], out written);
        return ok ? at + written : throw new InvalidOperationException("number does not fit the line buffer");
    }

    private static int SizeIndex(string size) => size switch
    {
        "large" => 0,
        "medium" => 1,
        "small" => 2,
        _ => 3,
    };

    /// <summary>What every line of one plan shares, encoded once.</summary>
    internal sealed class PlanJson
    {
        private readonly Dictionary<SizeGroup, byte[]> _groups = new(ReferenceEqualityComparer.Instance);
        private readonly TierJson[] _tiers;

        public PlanJson(EvaluationPlan plan)
        {
            AsOf = Encode(plan.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var version = plan.SizeVersion!;
            SizeVersion = EvaluationJsonWriter.Fragment(w => EvaluationJsonWriter.WriteVersionObject(w, version.Info, Jurisdiction.National, RuleSetDetail.Reference));
            foreach (var g in version.Groups)
            {
                _groups[g] = EvaluationJsonWriter.Fragment(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("industryGroup", g.Id);
                    w.WriteString("industryGroupTitle", g.Title);
                    w.WritePropertyName("ruleSet");
                    EvaluationJsonWriter.WriteVersionObject(w, version.Info, Jurisdiction.National, RuleSetDetail.Reference);
                    w.WriteEndObject();
                });
            }
            _tiers = [.. plan.Tiers.Select(TierJson.Of)];
        }

        public JsonEncodedText AsOf { get; }

        public byte[] SizeVersion { get; }

        public byte[] GroupDetail(SizeGroup group) => _groups[group];

        public TierJson Tier(int t) => _tiers[t];
    }

    /// <summary>
    /// One tier's object as a template: for a tier without a score the whole object (qualified or not); for a scored
    /// tier the bytes around the score and the points, written by the same writer and encoder as every other result.
    /// </summary>
    internal sealed class TierJson
    {
        private TierJson(JsonEncodedText id, byte[] qualified, byte[] notQualified, byte[] middle, DimensionJson[] dimensions)
        {
            Id = id;
            Qualified = qualified;
            NotQualified = notQualified;
            Middle = middle;
            Dimensions = dimensions;
        }

        public JsonEncodedText Id { get; }

        /// <summary>Unscored: the whole object; scored: <c>{"qualified":true,"score":</c>.</summary>
        public byte[] Qualified { get; }

        public byte[] NotQualified { get; }

        /// <summary><c>,"title":…,"ruleSet":{…},"subScores":{</c> (scored tiers).</summary>
        public byte[] Middle { get; }

        public DimensionJson[] Dimensions { get; }

        public static TierJson Of(PlanTier t)
        {
            var version = t.Version!;
            // The tier's object written in full, with a marker where the score and each dimension's points go.
            byte[] Sample(bool qualified, bool scored) => EvaluationJsonWriter.Fragment(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("qualified", qualified);
                if (scored)
                {
                    w.WriteNumber("score", Marker);
                }
                else
                {
                    w.WriteNull("score");
                }
                w.WriteString("title", t.Set.Title);
                w.WritePropertyName("ruleSet");
                EvaluationJsonWriter.WriteVersionObject(w, version.Info, t.Set.Jurisdiction, RuleSetDetail.Reference);
                w.WriteStartObject("subScores");
                foreach (var d in t.Dimensions)
                {
                    w.WriteStartObject(d.Id);
                    w.WriteString("title", d.Title);
                    w.WriteNumber("points", Marker);
                    w.WriteNumber("max", d.Max.Normalize());
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            });
            if (!t.HasScore)
            {
                return new TierJson(Encode(t.Set.Id), Sample(true, false), Sample(false, false), [], []);
            }
            var parts = Split(Sample(true, true));
            var head = parts[0];
            var notQualifiedHead = Split(Sample(false, true))[0];
            // parts[1] = ',"title":…,"subScores":{' + the first dimension's head; parts[d + 2] = dimension d's tail
            // (up to its closing brace) + the next dimension's head, or the closing braces after the last one.
            var subScores = "\"subScores\":{"u8;
            var open = parts[1].AsSpan().LastIndexOf(subScores) + subScores.Length;
            var middle = parts[1][..open];
            var nextHead = parts[1][open..];
            var dims = new DimensionJson[t.Dimensions.Count];
            for (var d = 0; d < dims.Length; d++)
            {
                var piece = parts[d + 2];
                var close = piece.AsSpan().IndexOf((byte)'}') + 1;
                dims[d] = new DimensionJson(nextHead, piece[..close]);
                nextHead = piece[close..];
            }
            if (parts.Count != dims.Length + 2 || !nextHead.AsSpan().SequenceEqual("}}"u8))
            {
                throw new InvalidOperationException($"cannot build the result template of tier '{t.Id}'");
            }
            return new TierJson(Encode(t.Set.Id), head, notQualifiedHead, middle, dims);
        }

        /// <summary>A number no result has: the places to fill.</summary>
        private const long Marker = 987654321987654321;

        private static List<byte[]> Split(byte[] sample)
        {
            var marker = Encoding.UTF8.GetBytes(Marker.ToString(CultureInfo.InvariantCulture));
            var parts = new List<byte[]>();
            var rest = sample.AsSpan();
            while (rest.IndexOf(marker) is var i and >= 0)
            {
                parts.Add(rest[..i].ToArray());
                rest = rest[(i + marker.Length)..];
            }
            parts.Add(rest.ToArray());
            return parts;
        }
    }

    /// <summary>A dimension's template: before its points (<c>"id":{"title":…,"points":</c>) and after (<c>,"max":25}</c>).</summary>
    internal sealed record DimensionJson(byte[] Head, byte[] Tail);
}
