namespace Tidu.Application.Dynamic;

/// <summary>Grounds of revocation (docs/procedure.md "Re-review and revocation", from 浙经信企创〔2016〕234号 and the 2022/2026 measures), with their Chinese names.</summary>
public static class RevocationGrounds
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["accident"] = "发生重大安全、质量、环境事故",
        ["dishonesty"] = "严重失信",
        ["fraud"] = "申报中弄虚作假",
        ["failed-re-review"] = "复核不合格",
        ["no-re-review"] = "未提交复核申请",
    };
}
