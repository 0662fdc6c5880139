namespace Tidu.Rules.Model;

/// <summary>
/// A tier's rung on the cultivation ladder (梯度), from its rule file's <c>ladder</c> key: the first rung, or the
/// tier whose recognition comes before it (innovative SME → specialized SME → little giant → …). Next-tier advice
/// reads the ladder from here, so a tier added as a rule file joins it without code.
/// </summary>
public sealed record LadderPlace(string? After)
{
    /// <summary>The first rung: nothing is held before it.</summary>
    public bool IsStart => After is null;
}
