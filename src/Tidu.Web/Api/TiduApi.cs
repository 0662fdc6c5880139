using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Screening;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;
using Tidu.Rules.Evaluation;
using Tidu.Web.Adapters;
using Tidu.Web.Exporting;
using Tidu.Web.Importing;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Api;

/// <summary>REST API v1. Every query runs through the database's region scope: another region's enterprise is a 404.</summary>
public static class TiduApi
{
    public static void MapTiduApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").WithTags("v1");
        // Who may call what is the access table's (EndpointAccess); writes by cookie also need the antiforgery header.
        var read = api.MapGroup("");
        var write = api.MapGroup("").AddEndpointFilter(CsrfForCookies);

        read.MapGet("/enterprises", ListAsync).WithSummary("Screening list (filters, sorting, paging)");
        read.MapGet("/enterprises/export.xlsx", ExportAsync).ProducesFile(EnterpriseExport.ContentType).WithSummary("The same list as an XLSX file");
        read.MapGet("/enterprises/{creditCode}", GetAsync).Produces<EnterpriseProfileFormat>().WithSummary("An enterprise's file in exchange format v1.1");
        read.MapGet("/enterprises/{creditCode}/awards", AwardsAsync).Produces<AwardsResultFormat>().WithSummary("Awards and support the enterprise can claim on a date (recognitions held, caps and stacking applied), with near misses");
        read.MapGet("/enterprises/{creditCode}/evaluation", EvaluateAsync).Produces<EvaluationResultFormat>().WithSummary("Evaluation with every check, its citation and the decisive failures");
        read.MapGet("/enterprises/{creditCode}/gap", GapAsync).Produces<GapResultFormat[]>().WithSummary("Gap analysis: for every tier not met, the smallest verified set of changes (JSON Pointers into the file) or what blocks it");
        read.MapGet("/regions", RegionsAsync).WithSummary("Regions the caller may see");
        write.MapPut("/enterprises/{creditCode}", PutAsync).WithSummary("Create or update one enterprise's file (financial years upserted by year)");
        // The workflow's steps also check the level (which officer decides what, ReviewChain) in their handlers.
        Workflow.RoundsApi.MapRounds(read, write);
        Workflow.ApplicationsApi.MapApplications(read, write);
        Workflow.ExpertReviewApi.Map(read, write);
        Workflow.MaterialsApi.Map(read, write);
        Workflow.VerificationApi.Map(read, write);
        Dynamic.RecognitionsApi.Map(read, write);
        Dynamic.OfficialListsApi.Map(write);
        Dynamic.PoolsApi.Map(read, write);
        Notifications.NotificationsApi.Map(read, write);
        write.MapPost("/imports", ImportAsync).WithSummary("Validate an upload (CSV, XLSX, JSON) and, with commit=true, save its valid rows in one transaction; the report's first page")
            .DisableAntiforgery();
        read.MapGet("/imports/{id:guid}", ImportReportAsync).WithSummary("One of the caller's imports: state, counts and a page of its report (?page=)");
    }

    // Writes that carry the sign-in cookie must carry the antiforgery header, whatever else they send; only a call that
    // authenticated with an API key and carries no cookie (a browser cannot forge the header) goes without.
    internal static async ValueTask<object?> CsrfForCookies(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        if (Security.Credentials.CarriesSessionCookie(http.Request) || http.User.Identity?.AuthenticationType != Security.ApiKeyAuthentication.SchemeName)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
            {
                return Tidu.Application.Refusal.Malformed("request.antiforgery", "缺少或无效的防伪令牌", "antiforgery token missing or invalid").ToProblem();
            }
        }
        return await next(ctx).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<Paged<EnterpriseRow>>, ProblemHttpResult>> ListAsync([AsParameters] FilterParameters p, EnterpriseQuery query, CancellationToken ct) =>
        p.OutOfRange() is { } bad ? bad : TypedResults.Ok(await query.PageAsync(p.ToFilter(), ct).ConfigureAwait(false));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync([AsParameters] FilterParameters p, EnterpriseQuery query, SecurityLog log, HttpContext http, CancellationToken ct)
    {
        if (p.OutOfRange() is { } bad)
        {
            return bad;
        }
        var (bytes, rows) = await EnterpriseExport.XlsxAsync(query, p.ToFilter(), ct).ConfigureAwait(false);
        // Enterprise files leaving the platform are a security event: who took how many, with which filter, from where.
        await log.RecordAsync(SecurityEvents.DataExported, "enterprises", details: new JsonObject
        {
            ["format"] = "xlsx",
            ["rows"] = rows,
            ["filter"] = http.Request.QueryString.Value ?? "",
        }, ct: ct).ConfigureAwait(false);
        return TypedResults.File(bytes, EnterpriseExport.ContentType, EnterpriseExport.FileName);
    }

    private static async Task<IResult> GetAsync(string creditCode, EnterpriseRegistry registry, CancellationToken ct)
    {
        return await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is { } e
            ? Results.Bytes(ProfileMapping.ToUtf8(e), "application/json; charset=utf-8")
            : NotFound(creditCode);
    }

    private static Task<IResult> EvaluateAsync(string creditCode, DateOnly? asOf, EnterpriseRegistry registry, Evaluator evaluator, TimeProvider clock, CancellationToken ct) =>
        OnDateAsJsonAsync(creditCode, asOf, registry, evaluator, clock,
            (w, profile, date) => EvaluationJsonWriter.Write(w, evaluator.Evaluate(profile, date, EvaluationDetail.Full)), ct);

    /// <summary>
    /// 政策找企业 for one file: what its recognitions (including one just issued by a round) and figures make claimable
    /// on the date, computed by the policy rule files  — amounts, formulas, caps, citations, near misses.
    /// </summary>
    private static Task<IResult> AwardsAsync(string creditCode, DateOnly? asOf, EnterpriseRegistry registry, Evaluator evaluator,
        Tidu.Rules.Policies.AwardCalculator awards, TimeProvider clock, CancellationToken ct) =>
        OnDateAsJsonAsync(creditCode, asOf, registry, evaluator, clock,
            (w, profile, date) => Tidu.Rules.Policies.AwardsJsonWriter.Write(w, awards.Match(profile, date, [], evaluator.Evaluate(profile, date, EvaluationDetail.Outcome))), ct);

    /// <summary>
    /// The file's profile on <paramref name="asOf"/> (default today, China time) written as JSON by <paramref name="write"/>:
    /// 404 when the file is not in the caller's scope, 422 when no rule version is in force on the date.
    /// </summary>
    private static async Task<IResult> OnDateAsJsonAsync(string creditCode, DateOnly? asOf, EnterpriseRegistry registry, Evaluator evaluator, TimeProvider clock,
        Action<Utf8JsonWriter, Tidu.Domain.Profiles.EnterpriseProfile, DateOnly> write, CancellationToken ct)
    {
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e || ProfileMapping.ToProfile(e).Profile is not { } profile)
        {
            return NotFound(creditCode);
        }
        var date = asOf ?? ChinaCalendar.Today(clock);
        try
        {
            evaluator.EnsureInForce(date);
        }
        catch (Tidu.Rules.Model.RuleNotInForceException ex)
        {
            return Tidu.Application.Refusal.Invalid("evaluation.no-rule-version", "该日期没有有效的规则版本", ex.Message).ToProblem();
        }
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, EvaluationJsonWriter.Options))
        {
            write(w, profile, date);
        }
        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> GapAsync(string creditCode, EnterpriseRegistry registry, Tidu.Rules.Gaps.GapAnalyzer gaps, TimeProvider clock, CancellationToken ct)
    {
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e || ProfileMapping.ToProfile(e).Profile is not { } profile)
        {
            return NotFound(creditCode);
        }
        var results = gaps.FailedTiers(profile, ChinaCalendar.Today(clock));
        var json = "[" + string.Join(',', results.Select(Tidu.Rules.Gaps.GapJsonWriter.Line)) + "]";
        return Results.Content(json, "application/json; charset=utf-8");
    }

    private static async Task<Ok<RegionView[]>> RegionsAsync(ScopeRegions regions, CancellationToken ct) =>
        TypedResults.Ok((await regions.ListAsync(ct).ConfigureAwait(false)).Select(r => new RegionView(r.Code, r.Name, r.ParentCode, r.Level, r.Within)).ToArray());

    private static async Task<Results<Ok<UpsertView>, ProblemHttpResult>> PutAsync(string creditCode, HttpRequest request, EnterpriseRegistry registry, CancellationToken ct)
    {
        // One file is one exchange-format record: its size limit is the reader's.
        using var body = new MemoryStream();
        if (!await BoundedCopy.CopyAsync(request.Body, body, ProfileReader.DefaultMaxRecordBytes, ct).ConfigureAwait(false))
        {
            return Tidu.Application.Refusal.TooLarge("enterprise.too-large", $"请求内容过大：单个企业档案不能超过 {ProfileReader.DefaultMaxRecordBytes / 1024} KB",
                $"one file is at most {ProfileReader.DefaultMaxRecordBytes} bytes").ToProblem();
        }
        var record = ProfileReader.Parse(new RawRecord(1, "body", body.ToArray()));
        if (record.Profile is not { } profile)
        {
            return ValidationProblem("enterprise.invalid", record.Errors.Select(e => (e.Path, e.Reason)));
        }
        if (!string.Equals(profile.CreditCode, creditCode, StringComparison.OrdinalIgnoreCase))
        {
            return ValidationProblem("enterprise.credit-code-mismatch", [("/creditCode", $"the body's credit code {profile.CreditCode} differs from the URL's {creditCode}")]);
        }
        var result = await registry.UpsertAsync([profile], null, ct).ConfigureAwait(false);
        if (result.Refused.Count > 0 && result.Refused[0] is var refused)
        {
            return Refusal(refused);
        }
        return TypedResults.Ok(new UpsertView(result.Created, result.Updated, result.Unchanged));
    }

    private static async Task<Results<Ok<ImportReportView>, ProblemHttpResult>> ImportAsync(IFormFile? file, bool? commit, HttpContext http, ImportJobs jobs,
        Microsoft.Extensions.Options.IOptions<ImportOptions> options, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return ValidationProblem("import.no-file", [("file", "no file: send it as multipart/form-data field 'file'")]);
        }
        if (file.Length > options.Value.MaxUploadBytes)
        {
            return Tidu.Application.Refusal.TooLarge("import.too-large", UploadLimit.TooLargeZh(options.Value), $"an upload is at most {options.Value.MaxUploadBytes} bytes").ToProblem();
        }
        if (ProfileImporter.FormatOf(file.FileName) is not { } format)
        {
            return ValidationProblem("import.unsupported-type", [("file", "unsupported file type: use .csv, .xlsx, .json or .jsonl")]);
        }
        using var content = new MemoryStream();
        await file.CopyToAsync(content, ct).ConfigureAwait(false);
        var scope = Security.HttpRegionScopeSource.ScopeOf(http.User);
        var job = await jobs.RunHereAsync(scope, Path.GetFileName(file.FileName), format, content.ToArray(), commit == true, ct).ConfigureAwait(false);
        if (job.State == ImportJobState.Failed)
        {
            return Tidu.Application.Refusal.Failed("import.failed", job.Failure ?? "导入失败", "the import job failed").ToProblem();
        }
        return TypedResults.Ok(ImportReportView.Of(job));
    }

    private static async Task<Results<Ok<ImportReportView>, ProblemHttpResult>> ImportReportAsync(Guid id, int? page, HttpContext http, ImportJobs jobs, CancellationToken ct) =>
        await jobs.FindAsync(id, Security.HttpRegionScopeSource.ScopeOf(http.User).Actor, page ?? 1, ct).ConfigureAwait(false) is { } job
            ? TypedResults.Ok(ImportReportView.Of(job))
            : Tidu.Application.Refusal.NotFound("import.not-found", "未找到该导入任务", $"no import {id} of the caller").ToProblem();

    /// <summary>Why a file was not written, as the API answers it (Chinese title, English detail).</summary>
    private static ProblemHttpResult Refusal(UpsertRefusal refused) => refused.Reason switch
    {
        UpsertRefusalReason.OutsideScope => Tidu.Application.Refusal.Forbidden("enterprise.outside-scope", "无权操作：该企业不在您的管辖区域内",
            "the file is outside the caller's region").ToProblem(),
        UpsertRefusalReason.HeldElsewhere => Tidu.Application.Refusal.Forbidden("enterprise.held-elsewhere", ImportMessages.HeldElsewhereZh,
            "this credit code cannot be filed in the caller's region").ToProblem(),
        UpsertRefusalReason.UnknownRegion => ValidationProblem("enterprise.unknown-region", [("/regionCode", "the region code is not in the platform's region table")]),
        UpsertRefusalReason.TooLong => ValidationProblem("enterprise.too-long", [(refused.Path ?? "", $"at most {refused.Limit} characters")]),
        UpsertRefusalReason.RecognitionsNotEditable => Tidu.Application.Refusal.Invalid("enterprise.recognitions-not-editable", ImportMessages.RecognitionsZh,
            "recognitions come from a round's decision or an official list import; a file edit keeps the stored ones (leave 'recognitions' out)").ToProblem(),
        _ => Tidu.Application.Refusal.Invalid("enterprise.not-saved", "数据库未能保存该企业档案，请检查数据后重试", "the database refused the file").ToProblem(),
    };

    private static ProblemHttpResult NotFound(string creditCode) => Tidu.Application.Workflow.WorkflowProblems.EnterpriseNotFound(creditCode).ToProblem();

    private static ProblemHttpResult ValidationProblem(string code, IEnumerable<(string Path, string Reason)> errors) =>
        Tidu.Application.Refusal.Validation(code, "数据校验未通过", "validation failed",
            errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray())).ToProblem();
}

/// <summary>Query-string form of <see cref="EnterpriseFilter"/>.</summary>
public sealed record FilterParameters(string? Tier, string? NearMiss, string? SizeClass, string? Industry, string? Region, string? Q, string? Sort, int? Page, int? PageSize,
    string? After)
{
    /// <summary>Highest page asked for (a list of 100,000 files has 2,000 pages of 50).</summary>
    public const int MaxPage = 100_000;

    /// <summary>400 when the page or page size is outside its range; null when the parameters are fine.</summary>
    public ProblemHttpResult? OutOfRange() =>
        Page is < 1 or > MaxPage || PageSize is < 1 or > EnterpriseFilter.MaxPageSize
            ? Tidu.Application.Refusal.Malformed("list.page-out-of-range", $"分页参数超出范围：页码应为 1 至 {MaxPage}，每页条数应为 1 至 {EnterpriseFilter.MaxPageSize}",
                $"page must be 1 to {MaxPage} and pageSize 1 to {EnterpriseFilter.MaxPageSize}").ToProblem()
            : After is { } after && ListCursor.Parse(after, Sort) is null
                ? Tidu.Application.Refusal.Malformed("list.bad-cursor", "分页游标无效：请使用上一页返回的 next 值，且排序方式不变（按名称或统一社会信用代码排序时才有游标）",
                    "after must be the next value of the previous page, with the same sort (only name and creditCode orders have cursors)").ToProblem()
                : null;

    public EnterpriseFilter ToFilter() => new()
    {
        Tier = Tier,
        NearMiss = NearMiss,
        SizeClass = SizeClass,
        Industry = Industry,
        Region = Region,
        Q = Q,
        Sort = Sort,
        Page = Page ?? 1,
        PageSize = PageSize ?? 50,
        After = After,
    };
}

/// <summary>A region (行政区划) the caller may see: its code, name, parent and level, and whether it lies within the caller's region (a list filter can narrow to it) rather than above it.</summary>
public sealed record RegionView(string Code, string Name, string? ParentCode, string Level, bool Within);

/// <summary>How many files a write created, updated or left unchanged.</summary>
public sealed record UpsertView(int Created, int Updated, int Unchanged);

/// <summary>An import's state, counts and a page of its report; what its commit saved, once committed.</summary>
public sealed record ImportReportView(Guid JobId, string State, int Rows, int ValidProfiles, int BadRows, int IssueCount, int IssuesKept, int Page, int Pages,
    IReadOnlyList<ImportIssueView> Issues, ImportCommitView? Committed)
{
    public static ImportReportView Of(ImportJobView job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.Id, job.State.ToString(), job.Rows, job.ValidProfiles, job.BadRows, job.IssueCount, job.IssuesKept, job.Page, job.Pages,
            [.. job.Issues.Select(i => new ImportIssueView(i.Row, i.Column, i.ReasonEn, i.ReasonZh))],
            job.Created is null ? null : new ImportCommitView(job.Created, job.Updated, job.Unchanged));
    }
}

/// <summary>One issue of an import: the row, the column (or JSON Pointer), the reason in English and in Chinese.</summary>
public sealed record ImportIssueView(long Row, string Column, string Reason, string ReasonZh);

/// <summary>What an import's commit saved.</summary>
public sealed record ImportCommitView(int? Created, int? Updated, int? Unchanged);
