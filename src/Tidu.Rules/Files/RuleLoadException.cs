namespace Tidu.Rules.Files;

/// <summary>Rule files failed to load. <see cref="Errors"/> lists every problem found, each with file and line.</summary>
public sealed class RuleLoadException(IReadOnlyList<RuleLoadError> errors)
    : Exception("rule files failed to load:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<RuleLoadError> Errors { get; } = errors;
}
