using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Data.Entities.Importing;
using Tidu.Web.Importing;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Importing;

/// <summary>
/// The hostile-import corpus: texts longer than their columns (the 201-character name that failed PostgreSQL's commit
/// and cost the good rows), a five-million-character cell, long reasons and titles outside imports, XLSX bombs (an
/// honest one and one that lies about its size), files beyond the row, size and issue limits with a paged report, a
/// broken file without exception text, a credit code of another region that a check must not reveal — and jobs that
/// live in the database, so another node serves their report and a job left by a dead node is finished.
/// </summary>
public abstract class HostileImportTests(TiduAppFixture app)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_name_longer_than_its_column_is_a_row_issue_and_the_good_rows_are_saved()
    {
        using var city = await Sessions.LoginAsync(app, "hz-city");
        var tooLong = CreditCodes.For("330106", 820_001);
        var good = CreditCodes.For("330106", 820_002);
        var name201 = new string('长', 201);
        var csv = Tables.Csv([new(tooLong, name201, "330106", "2012-05-01", "2025", "100"), new(good, "名称正常有限公司", "330106", "2012-05-01", "2025", "100")]);

        var (status, json, text) = await city.ImportAsync("long.csv", csv, commit: true);
        status.ShouldBe(HttpStatusCode.OK, text);
        var issue = json!["issues"]!.AsArray().ShouldHaveSingleItem()!;
        issue["row"]!.GetValue<long>().ShouldBe(2);
        issue["column"]!.GetValue<string>().ShouldBe("企业名称");
        issue["reasonZh"]!.GetValue<string>().ShouldContain("最多 200 个字符");
        json["committed"]!["created"]!.GetValue<int>().ShouldBe(1);
        (await FileState.ReadAsync(app, good)).ShouldNotBeNull();
        (await FileState.ReadAsync(app, tooLong)).ShouldBeNull();

        // The same limit for a JSON file and for a PUT: a 400 with the field, never a 500.
        var json201 = new JsonArray(Profiles.Minimal(tooLong, name201, "330106"));
        (await city.ImportAsync("long.json", Encoding.UTF8.GetBytes(json201.ToJsonString()), commit: true)).Json!["issues"]!.AsArray()
            .ShouldHaveSingleItem()!["reasonZh"]!.GetValue<string>().ShouldContain("最多 200 个字符");
        var (put, putJson, putText) = await city.PutJsonAsync($"/api/v1/enterprises/{tooLong}", Profiles.Minimal(tooLong, name201, "330106"));
        put.ShouldBe(HttpStatusCode.BadRequest, putText);
        putJson!["errors"]!["/name"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_five_million_character_cell_is_refused_without_being_stored()
    {
        using var city = await Sessions.LoginAsync(app, "hz-city");
        var huge = CreditCodes.For("330106", 820_010);
        var good = CreditCodes.For("330106", 820_011);
        var csv = Tables.Csv([new(huge, new string('巨', 5_000_000), "330106", "2012-05-01", "2025", "100"), new(good, "巨型单元格旁有限公司", "330106", "2012-05-01", "2025", "100")]);

        var (status, json, text) = await city.ImportAsync("huge.csv", csv, commit: true);
        status.ShouldBe(HttpStatusCode.OK);
        text.Length.ShouldBeLessThan(10_000); // the report quotes no giant value
        json!["issues"]!.AsArray().ShouldHaveSingleItem()!["reasonZh"]!.GetValue<string>().ShouldContain("内容过长");
        json["committed"]!["created"]!.GetValue<int>().ShouldBe(1);
        (await FileState.ReadAsync(app, huge)).ShouldBeNull();
    }

    [Fact]
    public async Task Texts_longer_than_their_columns_outside_imports_are_a_400_on_both_providers()
    {
        using var county = await Sessions.LoginAsync(app, "sc-county");
        var reason = new string('因', 2001);
        var (pool, poolJson, poolText) = await county.PostJsonAsync("/api/v1/pools/entries", new JsonObject
        {
            ["creditCode"] = KnownEnterprises.Shangcheng.CreditCode,
            ["tier"] = "specialized-sme",
            ["pool"] = "reserve",
            ["reason"] = reason,
        });
        pool.ShouldBe(HttpStatusCode.BadRequest, poolText);
        poolJson!["title"]!.GetValue<string>().ShouldContain("最多 2000 个字符");
        (await app.WithDbAsync(db => db.PoolMemberships.CountAsync(m => m.EntryReason == reason))).ShouldBe(0);

        using var province = await Sessions.LoginAsync(app, "zj-province");
        var rounds = await app.WithDbAsync(db => db.Rounds.CountAsync());
        var rules = (await province.GetJsonAsync("/api/v1/rounds")).Json!.AsArray().First()!["ruleSetVersion"]!.GetValue<string>();
        var (round, _, roundText) = await province.PostJsonAsync("/api/v1/rounds", new JsonObject
        {
            ["tier"] = rules.Split('@')[0],
            ["title"] = new string('题', 201),
            ["opensOn"] = "2026-01-01",
            ["closesOn"] = "2026-02-01",
            ["ruleSetVersion"] = rules,
        });
        round.ShouldBe(HttpStatusCode.BadRequest, roundText);
        (await app.WithDbAsync(db => db.Rounds.CountAsync())).ShouldBe(rounds);
    }

    [Fact]
    public async Task An_xlsx_bomb_is_refused_before_it_is_read_whether_its_sizes_are_honest_or_lie()
    {
        using var city = await Sessions.LoginAsync(app, "hz-city");
        // Honest: 50 MB of one character in a 50 KB part (a thousand to one).
        var honest = Zip(("xl/worksheets/sheet1.xml", 50 * 1024 * 1024));
        var (status, json, text) = await city.ImportAsync("bomb.xlsx", honest, commit: true);
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["rows"]!.GetValue<int>().ShouldBe(0);
        json["issues"]!.AsArray().ShouldHaveSingleItem()!["reasonZh"]!.GetValue<string>().ShouldContain("压缩炸弹");

        // Lying: a part that says it holds 1,000 bytes and expands to 4 MB.
        var lying = LieAboutSize(Zip(("xl/worksheets/sheet1.xml", 4 * 1024 * 1024)), "xl/worksheets/sheet1.xml", 1_000);
        var answer = await city.ImportAsync("liar.xlsx", lying, commit: true);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Json!["rows"]!.GetValue<int>().ShouldBe(0);
        answer.Json["issues"]!.AsArray().ShouldHaveSingleItem()!["reasonZh"]!.GetValue<string>().ShouldContain("Excel");
    }

    [Fact]
    public async Task A_broken_file_is_one_issue_in_chinese_without_exception_text()
    {
        using var city = await Sessions.LoginAsync(app, "hz-city");
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        junk[0] = (byte)'P';
        junk[1] = (byte)'K';
        var (status, json, text) = await city.ImportAsync("junk.xlsx", junk, commit: true);
        status.ShouldBe(HttpStatusCode.OK, text);
        var issue = json!["issues"]!.AsArray().ShouldHaveSingleItem()!;
        issue["reasonZh"]!.GetValue<string>().ShouldContain("无法读取文件");
        text.ShouldNotContain("Exception");
        text.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Size_row_and_issue_limits_are_explicit_and_the_report_is_read_page_by_page()
    {
        await using var host = app.App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Import:MaxUploadBytes", "65536");
            b.UseSetting("Import:MaxRows", "300");
            b.UseSetting("Import:MaxIssuesKept", "50");
            b.UseSetting("Import:IssuesPerPage", "20");
            b.UseSetting("Import:MaxXlsxUncompressedBytes", "51200");
        });
        using var city = await Sessions.LoginAsync(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = TiduAppFixture.BaseAddress }), "hz-city");

        // One size limit, for the API and the page alike, said in Chinese.
        var big = Tables.Csv(Enumerable.Range(0, 1_500).Select(i => new Tables.Row(CreditCodes.For("330106", 821_000 + i), $"超大文件{i:D4}有限公司", "330106", "2012-05-01", "2025", "100")));
        big.Length.ShouldBeGreaterThan(65_536 + 65_536);
        var (apiStatus, apiJson, apiText) = await city.ImportAsync("big.csv", big, commit: false);
        apiStatus.ShouldBe(HttpStatusCode.RequestEntityTooLarge, apiText);
        apiJson!["title"]!.GetValue<string>().ShouldContain("文件过大：上传文件不能超过 64 KB");
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(big), "upload", "big.csv");
            using var page = await city.PostAsync(Http.Url("/Import"), form, Ct);
            page.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            (await page.Content.ReadAsStringAsync(Ct)).ShouldContain("文件过大：上传文件不能超过 64 KB");
        }

        // Rows beyond the limit are not read, and the report says where it stopped.
        var rows = Tables.Csv(Enumerable.Range(0, 400).Select(i => new Tables.Row(CreditCodes.For("330106", 822_000 + i), $"行数上限{i:D3}有限公司", "330106", "2012-05-01", "2025", "x")));
        var (status, json, text) = await city.ImportAsync("rows.csv", rows, commit: false);
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["issueCount"]!.GetValue<int>().ShouldBe(301); // 300 bad revenues and the stop
        json["issuesKept"]!.GetValue<int>().ShouldBe(50);
        json["pages"]!.GetValue<int>().ShouldBe(3);
        json["issues"]!.AsArray().Count.ShouldBe(20);
        var id = json["jobId"]!.GetValue<Guid>();
        var last = await city.GetJsonAsync($"/api/v1/imports/{id}?page=3");
        last.Json!["issues"]!.AsArray().Count.ShouldBe(10);
        last.Json["issues"]!.AsArray().Select(i => i!["row"]!.GetValue<long>()).ShouldBe(Enumerable.Range(42, 10).Select(r => (long)r)); // rows 2… in order
        var html = await city.GetPageAsync($"/Import/Job/{id}?page=2");
        html.ShouldContain("共发现 301 个问题，只保留并列出按行号排序的前 50 个");
        System.Text.RegularExpressions.Regex.Count(html, "<tr><td>\\d+</td>").ShouldBe(20);
        (await app.WithDbAsync(db => db.ImportJobIssues.CountAsync(i => i.JobId == id))).ShouldBe(50);

        // An XLSX that is honest but expands beyond the limit.
        var wide = Tables.Xlsx(Enumerable.Range(0, 600).Select(i => new Tables.Row(CreditCodes.For("330106", 823_000 + i), $"解压上限{i:D4}有限公司", "330106", "2012-05-01", "2025", "100")));
        wide.Length.ShouldBeLessThan(65_536);
        var xlsx = await city.ImportAsync("wide.xlsx", wide, commit: false);
        xlsx.Json!["issues"]!.AsArray().ShouldHaveSingleItem()!["reasonZh"]!.GetValue<string>().ShouldContain("解压后过大");
    }

    [Fact]
    public async Task A_check_does_not_tell_whether_a_credit_code_is_held_in_another_region_and_saving_it_is_refused()
    {
        using var county = await Sessions.LoginAsync(app, "sc-county");
        var held = KnownEnterprises.Gongshu; // 拱墅区: not sc-county's
        var unused = CreditCodes.For("330105", 824_001);
        var before = await FileState.ReadAsync(app, held.CreditCode);
        var answers = new List<string>();
        foreach (var code in new[] { held.CreditCode, unused })
        {
            var (status, json, text) = await county.ImportAsync("probe.csv", Tables.Csv([new(code, "探测有限公司", "330102", "2012-05-01", "2025", "100")]), commit: false);
            status.ShouldBe(HttpStatusCode.OK, text);
            answers.Add($"{json!["validProfiles"]}|{json["badRows"]}|{json["issues"]!.ToJsonString()}");
        }
        answers[0].ShouldBe(answers[1]);

        var saved = await county.ImportAsync("probe.csv", Tables.Csv([new(held.CreditCode, "探测有限公司", "330102", "2012-05-01", "2025", "100")]), commit: true);
        saved.Status.ShouldBe(HttpStatusCode.OK, saved.Text);
        saved.Json!["issues"]!.AsArray().ShouldHaveSingleItem()!["reasonZh"]!.GetValue<string>().ShouldBe(ImportMessages.HeldElsewhereZh);
        saved.Json["committed"]!["created"]!.GetValue<int>().ShouldBe(0);
        (await FileState.ReadAsync(app, held.CreditCode)).ShouldBe(before);
    }

    [Fact]
    public async Task An_import_lives_in_the_database_so_another_node_shows_its_report_and_saves_it()
    {
        using var city = await Sessions.LoginAsync(app, "hz-city");
        var code = CreditCodes.For("330106", 825_001);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Tables.Csv([new(code, "跨节点导入有限公司", "330106", "2012-05-01", "2025", "100")])), "upload", "node.csv");
        var page = await city.GetPageAsync("/Import");
        form.Add(new StringContent(PageForms.AntiforgeryToken(page)), "__RequestVerificationToken");
        using var upload = await city.PostAsync(Http.Url("/Import"), form, Ct);
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = Guid.Parse(upload.Headers.Location!.OriginalString.Split('/')[^1]);
        (await app.WithDbAsync(db => db.ImportJobContents.CountAsync(c => c.JobId == id))).ShouldBe(1);
        await WaitForStateAsync(id, nameof(ImportJobState.Validated));

        // Another node of the platform (its own process memory, the same database) shows the report and saves it.
        await using var other = app.App.WithWebHostBuilder(_ => { });
        using var there = await Sessions.LoginAsync(other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = TiduAppFixture.BaseAddress }), "hz-city");
        var report = await there.GetPageAsync($"/Import/Job/{id}");
        report.ShouldContain("data-testid=\"commit\"");
        var (commit, _) = await there.PostFormAsync($"/Import/Job/{id}?handler=Commit", report, []);
        commit.ShouldBe(HttpStatusCode.Redirect);
        await other.Services.GetRequiredService<ImportJobs>().RunPendingAsync(Ct);
        await WaitForStateAsync(id, nameof(ImportJobState.Committed));
        (await FileState.ReadAsync(app, code)).ShouldNotBeNull();

        // Nobody else sees it.
        using var stranger = await Sessions.LoginAsync(app, "zj-province");
        using var denied = await stranger.GetAsync(Http.Url($"/Import/Job/{id}"), Ct);
        denied.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_job_left_by_a_node_whose_lease_ran_out_is_taken_over_and_finished()
    {
        var code = CreditCodes.For("330106", 825_010);
        var id = Guid.NewGuid();
        await app.WithDbAsync(db =>
        {
            db.ImportJobs.Add(new ImportJobRecord
            {
                Id = id,
                Owner = "hz-city",
                ScopeRegionCode = "330100",
                FileName = "left.csv",
                Format = "csv",
                State = nameof(ImportJobState.Validating),
                LeaseOwner = "a-node-that-died",
                LeaseExpires = 1,
                CreatedAt = app.Clock.GetUtcNow(),
                CreatedMs = app.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            });
            db.ImportJobContents.Add(new ImportJobContent { JobId = id, Content = Tables.Csv([new(code, "接管导入有限公司", "330106", "2012-05-01", "2025", "100")]) });
            return db.SaveChangesAsync();
        });
        // Whichever node takes it (this call or a worker of the shared app), it is finished once.
        await app.App.Services.GetRequiredService<ImportJobs>().RunPendingAsync(Ct);
        await WaitForStateAsync(id, nameof(ImportJobState.Validated));
        var job = await app.WithDbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id));
        job.ValidProfiles.ShouldBe(1);
        job.LeaseOwner.ShouldNotBe("a-node-that-died");
    }

    /// <summary>Waits (up to two minutes, for a busy machine) until the job reaches the state; fails with the state it is in.</summary>
    private async Task WaitForStateAsync(Guid id, string state)
    {
        string? now = null;
        for (var i = 0; i < 600 && now != state && now != nameof(ImportJobState.Failed); i++)
        {
            if (i > 0)
            {
                await Task.Delay(200, Ct);
            }
            now = await app.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == id).Select(j => j.State).SingleAsync());
        }
        now.ShouldBe(state);
    }

    /// <summary>A zip whose parts hold the given number of one repeated byte.</summary>
    private static byte[] Zip(params (string Name, int Bytes)[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in parts)
            {
                using var part = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                var block = new byte[64 * 1024];
                Array.Fill(block, (byte)'<');
                for (var written = 0; written < bytes; written += block.Length)
                {
                    part.Write(block, 0, Math.Min(block.Length, bytes - written));
                }
            }
        }
        return stream.ToArray();
    }

    /// <summary>Rewrites the declared uncompressed size of a part, in its local header and in the central directory.</summary>
    private static byte[] LieAboutSize(byte[] zip, string name, uint declared)
    {
        var bytes = (byte[])zip.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BitConverter.GetBytes(declared).CopyTo(bytes, i + 22);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BitConverter.GetBytes(declared).CopyTo(bytes, i + 24);
            }
        }
        return bytes;
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteHostileImportTests(SqliteAppFixture app) : HostileImportTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresHostileImportTests(PostgresAppFixture app) : HostileImportTests(app);
