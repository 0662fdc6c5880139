namespace Tidu.Rules.Evaluation;

/// <summary>Questions asked of an explanation (a flat, pre-order list of checks with parent ids).</summary>
public static class Explanations
{
    /// <summary>
    /// The failed leaf checks that matter: those none of whose enclosing groups passed. A failed alternative
    /// inside a satisfied "any" (e.g. the financing route when revenue already passes) is not a reason.
    /// </summary>
    public static IReadOnlyList<CheckResult> DecisiveFailures(IReadOnlyList<CheckResult> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var byId = new Dictionary<string, CheckResult>(StringComparer.Ordinal);
        foreach (var c in checks)
        {
            byId.TryAdd(c.Id, c);
        }
        var result = new List<CheckResult>();
        foreach (var c in checks)
        {
            if (c.Kind != "check" || c.Passed)
            {
                continue;
            }
            var decisive = true;
            for (var p = c.Parent; p is not null && byId.TryGetValue(p, out var parent); p = parent.Parent)
            {
                if (parent.Passed)
                {
                    decisive = false;
                    break;
                }
            }
            if (decisive)
            {
                result.Add(c);
            }
        }
        return result;
    }
}
