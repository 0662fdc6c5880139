namespace Tidu.Rules.Evaluation;

/// <summary>
/// Collects check results in pre-order (a group before its members), or nothing when null is passed.
/// A <see cref="FailuresOnly"/> sink keeps just the decisive failures: failed checks none of whose enclosing
/// groups passed (a group that passes drops the failures of its members), without building the rest.
/// </summary>
public sealed class ExplanationSink
{
    private readonly List<CheckResult?> _results = [];

    private ExplanationSink(bool failuresOnly) => IsFailuresOnly = failuresOnly;

    public ExplanationSink()
        : this(false)
    {
    }

    /// <summary>A sink that records only decisive failures (see the class summary).</summary>
    public static ExplanationSink FailuresOnly() => new(failuresOnly: true);

    public bool IsFailuresOnly { get; }

    /// <summary>Where the next result will go, to drop what a passing group's members added.</summary>
    public int Mark() => _results.Count;

    public void TruncateTo(int mark) => _results.RemoveRange(mark, _results.Count - mark);

    public IReadOnlyList<CheckResult> Results => _results.Select(r => r!).ToList();

    /// <summary>Reserves the slot of a group whose outcome is known only after its members.</summary>
    public int Reserve()
    {
        _results.Add(null);
        return _results.Count - 1;
    }

    public void Fill(int slot, CheckResult result) => _results[slot] = result;

    public void Add(CheckResult result) => _results.Add(result);

    public string? FirstMissing(int fromSlot)
    {
        for (var i = fromSlot; i < _results.Count; i++)
        {
            if (_results[i] is { MissingField: { } m, Defaulted: false })
            {
                return m;
            }
        }
        return null;
    }
}
