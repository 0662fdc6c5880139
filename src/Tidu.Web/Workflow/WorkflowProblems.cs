namespace Tidu.Web.Workflow;

/// <summary>The workflow's refusals: Chinese for the screen, English for logs and API clients.</summary>
internal static class WorkflowProblems
{
    public static WorkflowRefusal Problem(int status, string zh, string en) => new(status, zh, en);

    public static WorkflowRefusal Unprocessable(string zh, string en) => Problem(StatusCodes.Status422UnprocessableEntity, zh, en);

    public static WorkflowRefusal Conflict(string zh, string en) => Problem(StatusCodes.Status409Conflict, zh, en);

    public static WorkflowRefusal Forbidden(string zh, string en) => Problem(StatusCodes.Status403Forbidden, zh, en);

    public static WorkflowRefusal ApplicationNotFound(long id) =>
        Problem(StatusCodes.Status404NotFound, "未找到该申报（或不在您的管辖区域内）", $"no application {id} in the caller's region scope");

    public static WorkflowRefusal RoundNotFound(long id) => Problem(StatusCodes.Status404NotFound, "未找到该申报批次", $"no round {id}");

    public static WorkflowRefusal StaleRevision(int expected, int actual) =>
        Conflict("该申报已被他人处理，请刷新后重试", $"the application was changed by someone else: you decided on revision {expected}, it is now at revision {actual}; reload and decide again");
}
