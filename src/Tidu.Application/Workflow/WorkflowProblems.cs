namespace Tidu.Application.Workflow;

/// <summary>The refusals the workflow shares: Chinese for the screen, English for logs and API clients, a stable code.</summary>
internal static class WorkflowProblems
{
    public static Refusal Unprocessable(string zh, string en, string code = "invalid") => Refusal.Invalid(code, zh, en);

    public static Refusal Conflict(string zh, string en, string code = "conflict") => Refusal.Conflict(code, zh, en);

    public static Refusal Forbidden(string zh, string en, string code = "forbidden") => Refusal.Forbidden(code, zh, en);

    public static Refusal NotFound(string zh, string en, string code = "not-found") => Refusal.NotFound(code, zh, en);

    public static Refusal ApplicationNotFound(long id) =>
        NotFound("未找到该申报（或不在您的管辖区域内）", $"no application {id} in the caller's region scope", "application.not-found");

    /// <summary>An enterprise the reader's scope does not hold (another region's is told apart from none at all by nobody).</summary>
    public static Refusal EnterpriseNotFound(string? creditCode) =>
        NotFound("未找到该企业（或不在您的管辖区域内）", $"no enterprise {creditCode} in the caller's region scope", "enterprise.not-found");

    public static Refusal RoundNotFound(long id) => NotFound("未找到该申报批次", $"no round {id}", "round.not-found");

    public static Refusal StaleRevision(int expected, int actual) =>
        Conflict("该申报已被他人处理，请刷新后重试",
            $"the application was changed by someone else: you decided on revision {expected}, it is now at revision {actual}; reload and decide again",
            "application.stale-revision");
}
