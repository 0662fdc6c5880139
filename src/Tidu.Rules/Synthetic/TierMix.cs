namespace Tidu.Rules.Synthetic;

/// <summary>
/// The share of generated profiles drawn as candidates for each tier of the national ladder: a candidate is moved by
/// the gap analysis until it qualifies for its tier under every national criteria version in force in the evaluation
/// year (the hypotheses of its blockers included: an earlier niche-market start, the lower rung held). Boundary
/// placement afterwards makes some of them miss again, as real near-misses do. The rest are ordinary enterprises.
/// </summary>
/// <param name="LittleGiant">Share drawn as little-giant candidates.</param>
/// <param name="Specialized">Share drawn as specialized-SME candidates (not little giants).</param>
/// <param name="Innovative">Share drawn as innovative-SME candidates (neither of the above).</param>
public sealed record TierMix(double LittleGiant, double Specialized, double Innovative)
{
    /// <summary>Enterprises registered in Zhejiang at the end of August 2022 (325.04 万户; docs/synthetic-data.md).</summary>
    public const int ZhejiangEnterprises = 3_250_400;

    /// <summary>Zhejiang's cumulative counts on 2024-03-31 (data/targets.csv, kind actual): innovative, specialized, little giants.</summary>
    public const int ZhejiangInnovative = 28_553;

    /// <inheritdoc cref="ZhejiangInnovative"/>
    public const int ZhejiangSpecialized = 12_167;

    /// <inheritdoc cref="ZhejiangInnovative"/>
    public const int ZhejiangLittleGiants = 1_432;

    /// <summary>
    /// The calibrated default: each rung's share of all Zhejiang enterprises — little giants 0.044 %, specialized SMEs
    /// 0.374 %, innovative SMEs 0.878 % (the rungs nest: a little giant is also a specialized and an innovative SME).
    /// </summary>
    public static readonly TierMix Zhejiang = new(
        (double)ZhejiangLittleGiants / ZhejiangEnterprises,
        (double)(ZhejiangSpecialized - ZhejiangLittleGiants) / ZhejiangEnterprises,
        (double)(ZhejiangInnovative - ZhejiangSpecialized) / ZhejiangEnterprises);

    /// <summary>No candidates: every profile is ordinary.</summary>
    public static readonly TierMix None = new(0, 0, 0);

    /// <summary>
    /// The same pyramid with every candidate share multiplied by <paramref name="factor"/> (ordinary enterprises fewer):
    /// for demos and tests that need the upper rungs in a few hundred profiles. Counts then overstate reality by the factor.
    /// </summary>
    public TierMix Oversampled(double factor)
    {
        var mix = new TierMix(LittleGiant * factor, Specialized * factor, Innovative * factor);
        return mix.LittleGiant + mix.Specialized + mix.Innovative <= 1
            ? mix
            : throw new ArgumentOutOfRangeException(nameof(factor), $"the candidate shares would exceed 1 with factor {factor}");
    }

    /// <summary>The tier a profile is drawn as a candidate for, from one uniform draw in [0, 1); null for an ordinary enterprise.</summary>
    public string? Draw(double u) =>
        u < LittleGiant ? "little-giant"
        : u < LittleGiant + Specialized ? "specialized-sme"
        : u < LittleGiant + Specialized + Innovative ? "innovative-sme"
        : null;
}
