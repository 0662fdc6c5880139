namespace Tidu.Rules.Model.Conditions;

/// <summary>
/// The operators of the rule text: 以上/不低于 → ge, 超过/高于 → gt, 以下/不高于 → le, 低于/不满 → lt
/// (民法典 art. 1259), plus boolean and set membership.
/// </summary>
public enum Comparison
{
    Ge,
    Gt,
    Le,
    Lt,
    Is,
    In,
    NotIn,
}
