using System.Globalization;

namespace Tidu.Rules.Model.Scoring;

/// <summary>
/// A scoring band [From, To): closed at its lower bound, open at its upper bound. The scoring tables of
/// 工信部企业〔2022〕63号 (附件1, 附件2) write contiguous rows "A以上; B–A; …; C以下"; read as bands that touch, a value
/// exactly on a shared bound must fall in one row only, and the upper row (the one that says "以上") takes it — for
/// rising and falling indicators alike. A null From is −∞ (the bottom band), a null To is +∞ (the top band).
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
