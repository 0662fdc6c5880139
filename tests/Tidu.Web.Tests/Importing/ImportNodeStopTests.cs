using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Web.Importing;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Importing;

/// <summary>
/// Two nodes of the platform on one database: an import started through node A, stopped by A's shutdown at a known
/// point (checked, about to be saved, nothing saved), is finished by node B once A's lease has run out — once, with
/// its report read through B.
/// </summary>
public abstract class ImportNodeStopTests(TiduAppFixture app)
{
    [Fact]
    public async Task An_import_started_on_one_node_finishes_on_another_after_the_first_stops()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = CreditCodes.For("330106", 897_001);
        var hold = new HoldSaving();
        var a = app.App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IImportStepObserver>(sp =>
            hold.StoppingWith(sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping))));
        Guid id;
        try
        {
            using var onA = await Sessions.LoginAsync(Client(a), "hz-city");
            // Checked and saved in one call of the API; node A stops while it holds the job, before anything is saved.
            var started = onA.ImportAsync("node-stop.csv", Tables.Csv([new(code, "节点停机导入有限公司", "330106", "2012-05-01", "2025", "100")]), commit: true);
            id = await hold.Held.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
            await a.DisposeAsync();
            (await AnsweredAsync(started)).ShouldNotBe(HttpStatusCode.OK, "node A's call ended without saving");
        }
        finally
        {
            await a.DisposeAsync();
        }

        var left = await app.WithDbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, ct));
        left.State.ShouldBe(nameof(ImportJobState.Committing), "node A stopped during the save step");
        left.LeaseOwner.ShouldNotBeNull();
        (await FileState.ReadAsync(app, code)).ShouldBeNull("nothing was saved before node A stopped");

        // Node B, once A's lease has run out (B's clock is past it; the shared app's clock is not).
        var lease = TimeSpan.FromSeconds(app.App.Services.GetRequiredService<IOptions<ImportOptions>>().Value.LeaseSeconds);
        await using var b = app.App.WithClock(new FakeTimeProvider(app.Clock.GetUtcNow() + lease + TimeSpan.FromMinutes(1)));
        var jobs = b.Services.GetRequiredService<ImportJobs>();
        (await jobs.RunPendingAsync(ct)).ShouldBeGreaterThanOrEqualTo(1);
        (await jobs.RunPendingAsync(ct)).ShouldBe(0, "a finished job is not taken again");

        using var onB = await Sessions.LoginAsync(Client(b), "hz-city");
        var (status, report, text) = await onB.GetJsonAsync($"/api/v1/imports/{id}");
        status.ShouldBe(HttpStatusCode.OK, text);
        report!["state"]!.GetValue<string>().ShouldBe(nameof(ImportJobState.Committed));
        report["committed"]!["created"]!.GetValue<int>().ShouldBe(1);
        var saved = await FileState.ReadAsync(app, code);
        saved.ShouldNotBeNull();
        saved.Name.ShouldBe("节点停机导入有限公司");
        var job = await app.WithDbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, ct));
        job.LeaseOwner.ShouldNotBe(left.LeaseOwner, "node B took the job over");
    }

    /// <summary>The status node A answered with while it stopped, or null when the call broke off without one.</summary>
    private static async Task<HttpStatusCode?> AnsweredAsync(Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Json, string Text)> call)
    {
        try
        {
            return (await call.WaitAsync(TimeSpan.FromMinutes(2))).Status;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    private static HttpClient Client(WebApplicationFactory<Program> host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = TiduAppFixture.BaseAddress });

    /// <summary>Holds the first save it is told of until its node stops (it never lets the save go on).</summary>
    private sealed class HoldSaving : IImportStepObserver
    {
        private CancellationToken _stopping;

        public TaskCompletionSource<Guid> Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HoldSaving StoppingWith(CancellationToken stopping)
        {
            _stopping = stopping;
            return this;
        }

        public async Task SavingAsync(Guid job, CancellationToken ct)
        {
            Held.TrySetResult(job);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping);
            await Task.Delay(Timeout.InfiniteTimeSpan, either.Token).ConfigureAwait(false);
        }
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteImportNodeStopTests(SqliteAppFixture app) : ImportNodeStopTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresImportNodeStopTests(PostgresAppFixture app) : ImportNodeStopTests(app);
