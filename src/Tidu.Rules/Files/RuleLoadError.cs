namespace Tidu.Rules.Files;

/// <summary>One problem in a rule file, with the file and line where it is.</summary>
public sealed record RuleLoadError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
