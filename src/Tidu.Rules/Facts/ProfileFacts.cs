using System.Collections.Frozen;
using Tidu.Domain.Profiles;
using Tidu.Rules.Values;

namespace Tidu.Rules.Facts;

/// <summary>
/// Facts read from the profile outside the yearly financials, and the two read from the evaluation itself (the size
/// class and the tier's score). Each is a <see cref="FactNode"/>; none allocates while it computes.
/// </summary>
internal static class ProfileFacts
{
    private static readonly string[] TwoDigits = Enumerable.Range(0, 100).Select(i => i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static FactNode Flag(string name, string pointer, Func<EnterpriseProfile, bool?> read) =>
        FactNode.Intern(name, () => new FlagFact(pointer, read));

    public static FactNode Text(string name, string pointer, Func<EnterpriseProfile, string?> read) =>
        FactNode.Intern(name, () => new TextFact(pointer, read));

    public static FactNode Number(string name, string pointer, Func<EnterpriseProfile, decimal?> read) =>
        FactNode.Intern(name, () => new NumberFact(pointer, read));

    public static FactNode Count(string name, string pointer, Func<EnterpriseProfile, int?> read) =>
        FactNode.Intern(name, () => new CountFact(pointer, read));

    /// <summary>The province part of a region code ("330106" → "33"), without allocating for the usual two digits.</summary>
    public static string? ProvinceOf(EnterpriseProfile p) => p.RegionCode is { Length: >= 2 } r
        ? char.IsAsciiDigit(r[0]) && char.IsAsciiDigit(r[1]) ? TwoDigits[((r[0] - '0') * 10) + (r[1] - '0')] : r[..2]
        : null;

    public static FactNode NicheYears() => FactNode.Intern("nicheMarketYears", () => new NicheYearsFact());

    public static FactNode YearsSinceEstablished() => FactNode.Intern("yearsSinceEstablished", () => new YearsSinceEstablishedFact());

    public static FactNode SizeClass() => FactNode.Intern("sizeClass", () => new SizeClassFact());

    public static FactNode Score(string? dimension) =>
        FactNode.Intern(dimension is null ? "score" : "score:" + dimension, () => new ScoreFact(dimension));

    public static FactNode CertificationCount(IReadOnlyList<string>? matching)
    {
        var wanted = matching?.Select(NormalizeCertification).ToFrozenSet(StringComparer.Ordinal);
        var key = wanted is null ? "certificationCount(*)" : $"certificationCount({string.Join("|", wanted.Order(StringComparer.Ordinal))})";
        return FactNode.Intern(key, () => new CertificationCountFact(wanted));
    }

    public static FactNode StandardCount(IReadOnlyList<string>? levels, IReadOnlyList<string>? roles)
    {
        var key = $"standardCount({List(levels)};{List(roles)})";
        return FactNode.Intern(key, () => new StandardCountFact(levels?.ToArray(), roles?.ToArray()));
    }

    public static FactNode HonorCount(IReadOnlyList<string> kinds, int? withinYears, int? maxRank)
    {
        var key = $"honorCount({List(kinds)};{withinYears};{maxRank})";
        return FactNode.Intern(key, () => new HonorCountFact(kinds.ToFrozenSet(StringComparer.Ordinal), withinYears, maxRank));
    }

    public static FactNode HoldsRecognition(string tier) => FactNode.Intern($"holdsRecognition({tier})", () => new HoldsRecognitionFact(tier));

    public static FactNode OfficerVerified(string criterion) => FactNode.Intern($"officerVerified({criterion})", () => new OfficerVerifiedFact(criterion));

    public static FactNode QualityScore(int yearOffset) => FactNode.Intern($"qualityEvaluationScore@{yearOffset}", () => new QualityScoreFact(yearOffset));

    private static string List(IReadOnlyList<string>? values) =>
        values is null ? "*" : string.Join("|", values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>"iso 9001:2015" → "ISO9001": upper case, no spaces, hyphens or a ':year' suffix.</summary>
    public static string NormalizeCertification(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        var core = colon >= 0 ? s[..colon] : s;
        return string.Concat(core.Where(ch => !char.IsWhiteSpace(ch) && ch != '-' && ch != '_')).ToUpperInvariant();
    }

    private sealed class FlagFact(string pointer, Func<EnterpriseProfile, bool?> read) : FactNode(FactKind.Boolean)
    {
        private readonly MissingInput _missing = MissingInput.Static(pointer);

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (read(context.Profile) is { } b)
            {
                result.SetBoolean(b);
            }
            else
            {
                result.SetMissing(_missing);
            }
        }
    }

    private sealed class TextFact(string pointer, Func<EnterpriseProfile, string?> read) : FactNode(FactKind.Text)
    {
        private readonly MissingInput _missing = MissingInput.Static(pointer);

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (read(context.Profile) is { } s)
            {
                result.SetText(s);
            }
            else
            {
                result.SetMissing(_missing);
            }
        }
    }

    private sealed class NumberFact(string pointer, Func<EnterpriseProfile, decimal?> read) : FactNode(FactKind.Number)
    {
        private readonly MissingInput _missing = MissingInput.Static(pointer);

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (read(context.Profile) is { } d)
            {
                result.SetNumber(d);
            }
            else
            {
                result.SetMissing(_missing);
            }
        }
    }

    private sealed class CountFact(string pointer, Func<EnterpriseProfile, int?> read) : FactNode(FactKind.Number)
    {
        private readonly MissingInput _missing = MissingInput.Static(pointer);

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (read(context.Profile) is { } n)
            {
                result.SetNumber(n);
            }
            else
            {
                result.SetMissing(_missing);
            }
        }
    }

    /// <summary>Anniversary counting to January 1 of Y+1: 2023-01-01 → 3 years at the end of 2025; 2023-01-02 → 2.</summary>
    private sealed class NicheYearsFact() : FactNode(FactKind.Number)
    {
        private static readonly MissingInput Missing = MissingInput.Static("/nicheMarketSince");

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (context.Profile.NicheMarketSince is not { } since)
            {
                result.SetMissing(Missing);
                return;
            }
            result.SetNumber(FullYears(since, new DateOnly(context.LastYear + 1, 1, 1)));
        }
    }

    /// <summary>Anniversary counting to D: established 2015-12-07 → 10 years on 2025-12-07, 9 on 2025-12-06.</summary>
    private sealed class YearsSinceEstablishedFact() : FactNode(FactKind.Number)
    {
        private static readonly MissingInput Missing = MissingInput.Static("/establishedOn");

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (context.Profile.EstablishedOn is not { } since)
            {
                result.SetMissing(Missing);
                return;
            }
            result.SetNumber(FullYears(since, context.AsOf));
        }
    }

    /// <summary>Full years from <paramref name="since"/> to <paramref name="end"/>, counted by anniversaries (0 when
    /// <paramref name="since"/> is not before <paramref name="end"/>); a 29 February start has its anniversary on 28 February.</summary>
    private static int FullYears(DateOnly since, DateOnly end)
    {
        if (since >= end)
        {
            return 0;
        }
        var years = end.Year - since.Year;
        return since.AddYears(years) > end ? years - 1 : years;
    }

    private sealed class SizeClassFact() : FactNode(FactKind.Text, isVolatile: true)
    {
        private const string Reason = "size class not available";
        private static readonly MissingInput Unknown = MissingInput.Static("/financials", Reason);

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (context.SizeClass is { } s)
            {
                result.SetText(s);
            }
            else
            {
                result.SetMissing(context.TryGetSizeClassMissing(out var m) ? m.WithReason(Reason) : Unknown);
            }
        }
    }

    private sealed class ScoreFact(string? dimension) : FactNode(FactKind.Number, isVolatile: true, perTier: true)
    {
        private readonly MissingInput _missing = MissingInput.Static("score", dimension is null ? "no score" : $"dimension {dimension} not scored");

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (dimension is null ? context.CurrentScore is { } total && Set(ref result, total) : context.TryGetSubScore(dimension, out var v) && Set(ref result, v))
            {
                return;
            }
            result.SetMissing(_missing);
        }

        private static bool Set(ref FactResult result, decimal value)
        {
            result.SetNumber(value);
            return true;
        }
    }

    private sealed class CertificationCountFact(FrozenSet<string>? wanted) : FactNode(FactKind.Number)
    {
        private static readonly MissingInput Missing = MissingInput.Static("/quality/managementSystemCertifications");
        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup = (wanted ?? FrozenSet<string>.Empty).GetAlternateLookup<ReadOnlySpan<char>>();

        // Certificates repeat ("ISO9001" in thousands of profiles): each one is normalised once.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (context.Profile.Quality?.ManagementSystemCertifications is not { } certs)
            {
                result.SetMissing(Missing);
                return;
            }
            var n = 0;
            if (wanted is null)
            {
                n = certs.Count;
            }
            else
            {
                for (var i = 0; i < certs.Count; i++)
                {
                    var cert = certs[i];
                    if (!_seen.TryGetValue(cert, out var matches))
                    {
                        matches = Matches(cert);
                        if (_seen.Count < 4096)
                        {
                            _seen.TryAdd(cert, matches);
                        }
                    }
                    n += matches ? 1 : 0;
                }
            }
            result.SetNumber(n);
        }

        /// <summary>Normalises as <see cref="NormalizeCertification"/> does, on the stack.</summary>
        private bool Matches(string cert)
        {
            var colon = cert.IndexOf(':', StringComparison.Ordinal);
            var core = colon >= 0 ? cert.AsSpan(0, colon) : cert.AsSpan();
            if (core.Length > 128)
            {
                return wanted!.Contains(NormalizeCertification(cert));
            }
            Span<char> kept = stackalloc char[core.Length];
            var k = 0;
            foreach (var ch in core)
            {
                if (!char.IsWhiteSpace(ch) && ch != '-' && ch != '_')
                {
                    kept[k++] = ch;
                }
            }
            Span<char> upper = stackalloc char[k];
            MemoryExtensions.ToUpperInvariant(kept[..k], upper);
            return _lookup.Contains(upper);
        }
    }

    private sealed class StandardCountFact(string[]? levels, string[]? roles) : FactNode(FactKind.Number)
    {
        private static readonly MissingInput Missing = MissingInput.Static("/standards");

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (context.Profile.Standards is not { } list)
            {
                result.SetMissing(Missing);
                return;
            }
            var n = 0;
            for (var i = 0; i < list.Count; i++)
            {
                var x = list[i];
                if ((levels is null || Array.IndexOf(levels, x.Level) >= 0) && (roles is null || Array.IndexOf(roles, x.Role) >= 0))
                {
                    n++;
                }
            }
            result.SetNumber(n);
        }
    }

    private sealed class HonorCountFact(FrozenSet<string> kinds, int? withinYears, int? maxRank) : FactNode(FactKind.Number)
    {
        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            var n = 0;
            var asOf = context.AsOf;
            if (context.Profile.Honors is { } honors)
            {
                for (var i = 0; i < honors.Count; i++)
                {
                    var h = honors[i];
                    if (!kinds.Contains(h.Kind) || (h.ValidUntil is { } until && until < asOf))
                    {
                        continue;
                    }
                    if (h.Year is { } y && y > asOf.Year)
                    {
                        continue; // obtained after the evaluation date
                    }
                    if (withinYears is { } w && (h.Year is not { } year || year < asOf.Year - w))
                    {
                        continue;
                    }
                    if (maxRank is { } r && (h.Rank is not { } rank || rank > r))
                    {
                        continue;
                    }
                    n++;
                }
            }
            result.SetNumber(n);
        }
    }

    private sealed class HoldsRecognitionFact(string tier) : FactNode(FactKind.Boolean)
    {
        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            var held = false;
            if (context.Profile.Recognitions is { } list)
            {
                for (var i = 0; i < list.Count && !held; i++)
                {
                    held = list[i].Tier == tier && list[i].IsValidOn(context.AsOf);
                }
            }
            result.SetBoolean(held);
        }
    }

    private sealed class OfficerVerifiedFact(string criterion) : FactNode(FactKind.Boolean)
    {
        private static readonly MissingInput Missing = MissingInput.Static("/verifiedCriteria", "qualitative criteria not assessed by an officer");

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            if (context.Profile.VerifiedCriteria is not { } list)
            {
                result.SetMissing(Missing);
                return;
            }
            var found = false;
            for (var i = 0; i < list.Count && !found; i++)
            {
                found = string.Equals(list[i], criterion, StringComparison.Ordinal);
            }
            result.SetBoolean(found);
        }
    }

    private sealed class QualityScoreFact(int yearOffset) : FactNode(FactKind.Number)
    {
        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            var year = context.AsOf.Year + yearOffset;
            if (context.Profile.QualityEvaluations is { } list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i].Year == year)
                    {
                        result.SetNumber(list[i].Score);
                        return;
                    }
                }
            }
            result.SetMissing(new MissingInput(MissingKind.QualityYear, Year: year));
        }
    }
}
