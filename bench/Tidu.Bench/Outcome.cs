namespace Tidu.Bench;

/// <summary>What the three evaluators are compared on: the size class and, per tier, qualified and score.</summary>
public readonly record struct Outcome(string? SizeClass, TierOutcome Innovative, TierOutcome Specialized, TierOutcome LittleGiant)
{
    /// <summary>Tier ids in the order of the rule library (their <c>order</c> key).</summary>
    public static readonly string[] TierIds = ["innovative-sme", "specialized-sme", "little-giant"];

    public TierOutcome this[int tier] => tier switch
    {
        0 => Innovative,
        1 => Specialized,
        2 => LittleGiant,
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };
}

/// <summary>One tier's result: qualified or not, and the score (null for a tier without a scoring table).</summary>
public readonly record struct TierOutcome(bool Qualified, decimal? Score)
{
    public override string ToString() => $"{(Qualified ? "qualified" : "not qualified")}, score {Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}";
}
