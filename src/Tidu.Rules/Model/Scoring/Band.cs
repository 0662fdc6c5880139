using System.Globalization;

namespace Tidu.Rules.Model.Scoring;

/// <summary>
/// A scoring band [From, To): closed at its lower bound, open at its upper bound (criteria.md, boundary
/// rule 2). A null From is −∞ (the bottom band), a null To is +∞ (the top band).
/// </summary>
public sealed record Band(decimal? From, decimal? To, decimal Points)
{
    public string Describe()
    {
        static string N(decimal d) => d.ToString(CultureInfo.InvariantCulture);
        return (From, To) switch
        {
            ({ } f, null) => $"[{N(f)}, ∞)",
            (null, { } t) => $"(−∞, {N(t)})",
            ({ } f, { } t) => $"[{N(f)}, {N(t)})",
            _ => "(−∞, ∞)",
        };
    }
}
