using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Screening;
using Tidu.Data;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;
using Tidu.Rules.Evaluation;
using Tidu.Web.Exporting;
using Tidu.Web.Importing;

namespace Tidu.Web.Api;

/// <summary>REST API v1. Every query runs through the database's region scope: another region's enterprise is a 404.</summary>
public static class TiduApi
{
    public static void MapTiduApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").WithTags("v1");
        var read = api.MapGroup("").RequireAuthorization(Policies.ApiRead);
        var write = api.MapGroup("").RequireAuthorization(Policies.ApiWrite).AddEndpointFilter(CsrfForCookies);

        read.MapGet("/enterprises", ListAsync).WithSummary("Screening list (filters, sorting, paging)");
        read.MapGet("/enterprises/export.xlsx", ExportAsync).WithSummary("The same list as an XLSX file");
        read.MapGet("/enterprises/{creditCode}", GetAsync).WithSummary("An enterprise's file in exchange format v1.1");
        read.MapGet("/enterprises/{creditCode}/awards", AwardsAsync).WithSummary("Awards and support the enterprise can claim on a date (recognitions held, caps and stacking applied), with near misses");
        read.MapGet("/enterprises/{creditCode}/evaluation", EvaluateAsync).WithSummary("Evaluation with every check, its citation and the decisive failures");
        read.MapGet("/enterprises/{creditCode}/gap", GapAsync).WithSummary("Gap analysis: for every tier not met, the smallest verified set of changes (JSON Pointers into the file) or what blocks it");
        read.MapGet("/regions", RegionsAsync).WithSummary("Regions the caller may see");
        write.MapPut("/enterprises/{creditCode}", PutAsync).WithSummary("Create or update one enterprise's file (financial years upserted by year)");
        // The workflow has its own roles (enterprises apply, officers decide); its handlers check them.
        var workflowRead = api.MapGroup("").RequireAuthorization(Policies.WorkflowRead);
        var workflowWrite = api.MapGroup("").RequireAuthorization(Policies.WorkflowRead).AddEndpointFilter(CsrfForCookies);
        Workflow.RoundsApi.MapRounds(workflowRead, workflowWrite);
        Workflow.ApplicationsApi.MapApplications(workflowRead, workflowWrite);
        Workflow.ExpertReviewApi.Map(workflowRead, workflowWrite);
        Workflow.MaterialsApi.Map(workflowRead, workflowWrite);
        Workflow.VerificationApi.Map(workflowRead, workflowWrite);
        Dynamic.RecognitionsApi.Map(workflowRead, workflowWrite);
        Dynamic.PoolsApi.Map(workflowRead, workflowWrite);
        Notifications.NotificationsApi.Map(workflowRead, workflowWrite);
        write.MapPost("/imports", ImportAsync).WithSummary("Validate an upload (CSV, XLSX, JSON) and, with commit=true, save its valid rows in one transaction")
            .DisableAntiforgery();
    }

    // Cookie-authenticated writes must carry the antiforgery header; API-key calls cannot be forged by a browser.
    internal static async ValueTask<object?> CsrfForCookies(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        if (http.User.Identity?.AuthenticationType != Security.ApiKeyAuthentication.SchemeName)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
            {
                return Results.Problem(title: "缺少或无效的防伪令牌 (antiforgery token missing or invalid)", statusCode: StatusCodes.Status400BadRequest);
            }
        }
        return await next(ctx).ConfigureAwait(false);
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<Paged<EnterpriseRow>>> ListAsync([AsParameters] FilterParameters p, EnterpriseQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.PageAsync(p.ToFilter(), ct).ConfigureAwait(false));

    private static async Task<IResult> ExportAsync([AsParameters] FilterParameters p, EnterpriseQuery query, CancellationToken ct)
    {
        var bytes = await EnterpriseExport.XlsxAsync(query, p.ToFilter(), ct).ConfigureAwait(false);
        return Results.File(bytes, EnterpriseExport.ContentType, EnterpriseExport.FileName);
    }

    private static async Task<IResult> GetAsync(string creditCode, EnterpriseRegistry registry, CancellationToken ct)
    {
        return await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is { } e
            ? Results.Content(ProfileMapping.ToJson(e).ToJsonString(), "application/json; charset=utf-8")
            : NotFound(creditCode);
    }

    private static Task<IResult> EvaluateAsync(string creditCode, DateOnly? asOf, EnterpriseRegistry registry, Evaluator evaluator, TimeProvider clock, CancellationToken ct) =>
        OnDateAsJsonAsync(creditCode, asOf, registry, evaluator, clock,
            (w, profile, date) => EvaluationJsonWriter.Write(w, evaluator.Evaluate(profile, date, EvaluationDetail.Full)), ct);

    /// <summary>
    /// 政策找企业 for one file: what its recognitions (including one just issued by a round) and figures make claimable
    /// on the date, computed by the policy rule files (#6) — amounts, formulas, caps, citations, near misses.
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
            return Results.Problem(title: "该日期没有有效的规则版本", detail: ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
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

    private static async Task<IResult> RegionsAsync(TiduDbContext db, CancellationToken ct)
    {
        var scope = db.Scope;
        var all = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct).ConfigureAwait(false);
        var tree = Tidu.Domain.Regions.RegionTree.Shipped;
        var visible = all.Where(r => scope.All || (scope.RegionCode is { } code && (tree.IsWithin(r.Code, code) || tree.IsWithin(code, r.Code))));
        return Results.Ok(visible.Select(r => new { r.Code, r.Name, r.ParentCode, r.Level }));
    }

    private static async Task<IResult> PutAsync(string creditCode, HttpRequest request, EnterpriseRegistry registry, Tidu.Domain.Regions.RegionTree regions, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct).ConfigureAwait(false);
        var record = ProfileReader.Parse(new RawRecord(1, "body", body.ToArray()));
        if (record.Profile is not { } profile)
        {
            return ValidationProblem(record.Errors.Select(e => (e.Path, e.Reason)));
        }
        if (!string.Equals(profile.CreditCode, creditCode, StringComparison.OrdinalIgnoreCase))
        {
            return ValidationProblem([("/creditCode", $"the body's credit code {profile.CreditCode} differs from the URL's {creditCode}")]);
        }
        if (regions.Find(profile.RegionCode) is null)
        {
            // The database would refuse it (foreign key to the region table) with a 500.
            return ValidationProblem([("/regionCode", $"region code {profile.RegionCode} is not in the platform's region table")]);
        }
        var result = await registry.UpsertAsync([profile], null, ct).ConfigureAwait(false);
        if (result.Refused.Count > 0)
        {
            return Results.Problem(title: "无权操作：该企业不在您的管辖区域内", statusCode: StatusCodes.Status403Forbidden);
        }
        return Results.Ok(new { result.Created, result.Updated, result.Unchanged });
    }

    private static async Task<IResult> ImportAsync(IFormFile file, bool? commit, HttpContext http, ImportJobs jobs, CancellationToken ct)
    {
        if (ProfileImporter.FormatOf(file.FileName) is not { } format)
        {
            return ValidationProblem([("file", "unsupported file type: use .csv, .xlsx, .json or .jsonl")]);
        }
        using var content = new MemoryStream();
        await file.CopyToAsync(content, ct).ConfigureAwait(false);
        var scope = Security.HttpRegionScopeSource.ScopeOf(http.User);
        var job = new ImportJob(Guid.NewGuid(), scope.Actor, scope, file.FileName, format, content.ToArray()) { CommitRequested = commit == true };
        await jobs.RunAsync(job, ct).ConfigureAwait(false);
        if (job.State == ImportJobState.Failed)
        {
            return Results.Problem(title: job.Failure, statusCode: StatusCodes.Status500InternalServerError);
        }
        return Results.Ok(new
        {
            rows = job.Batch!.Rows,
            validProfiles = job.Batch.Profiles.Count,
            badRows = job.Batch.BadRows,
            issues = job.Batch.Issues.Select(i => new { row = i.Row, column = i.Column, reason = i.ReasonEn, reasonZh = i.ReasonZh }),
            committed = job.Result is null ? null : new { job.Result.Created, job.Result.Updated, job.Result.Unchanged },
        });
    }

    private static IResult NotFound(string creditCode) =>
        Results.Problem(title: "未找到该企业（或不在您的管辖区域内）", detail: $"no enterprise {creditCode} in the caller's region scope", statusCode: StatusCodes.Status404NotFound);

    private static IResult ValidationProblem(IEnumerable<(string Path, string Reason)> errors) =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()),
            title: "数据校验未通过 (validation failed)");
}

/// <summary>Query-string form of <see cref="EnterpriseFilter"/>.</summary>
public sealed record FilterParameters(string? Tier, string? NearMiss, string? SizeClass, string? Industry, string? Region, string? Q, string? Sort, int? Page, int? PageSize)
{
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
    };
}
