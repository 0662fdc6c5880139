using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Data.Entities.Workflow;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// Application materials: kinds by content (PDF, JPEG, PNG, XLSX/DOCX), a size limit (this host's:
/// 4096 bytes), random stored names outside the web root with the SHA-256 recorded, download as an attachment only by
/// whoever sees the application, and nothing left behind by a refused upload.
/// </summary>
public abstract class MaterialsTests(TiduAppFixture app)
{
    [Fact]
    public async Task A_good_file_is_stored_under_a_random_name_with_its_hash_and_is_downloadable_as_an_attachment_only_in_scope()
    {
        await using var flow = new ReviewFlow(app);
        var id = await flow.ApplyAsync(await flow.OpenRoundAsync());
        var applicant = (await flow.ApplicantAsync()).UserName;
        using var enterprise = await flow.LoginAsync(applicant);
        var pdf = Pdf(1000);

        var (status, json, text) = await UploadAsync(enterprise, id, "../../etc/年度 审计报告\u0001.pdf", pdf);

        status.ShouldBe(HttpStatusCode.Created, text);
        json!["fileName"]!.GetValue<string>().ShouldBe("年度 审计报告.pdf");
        json["kind"]!.GetValue<string>().ShouldBe("pdf");
        json["length"]!.GetValue<long>().ShouldBe(1000);
        json["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        json["uploadedBy"]!.GetValue<string>().ShouldBe(applicant);
        var materialId = json["id"]!.GetValue<long>();
        var stored = await app.WithDbAsync(db => db.ApplicationMaterials.SingleAsync(m => m.Id == materialId));
        stored.StoredName.ShouldMatch("^[0-9a-f]{32}$");
        var onDisk = Path.Combine(app.MaterialsPath, stored.StoredName);
        (await File.ReadAllBytesAsync(onDisk, TestContext.Current.CancellationToken)).ShouldBe(pdf);
        Directory.GetFiles(app.MaterialsPath, "*.part").ShouldBeEmpty();

        // The enterprise, its county and the province download it, as an attachment with its name.
        foreach (var user in new[] { applicant, "sc-county", "zj-province" })
        {
            using var client = user == applicant ? null : await flow.LoginAsync(user);
            using var answer = await (client ?? enterprise).GetAsync(Http.Url($"/api/v1/applications/{id}/materials/{materialId}"), TestContext.Current.CancellationToken);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, user);
            answer.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            answer.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("年度 审计报告.pdf");
            answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            answer.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            (await answer.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBe(pdf);
        }

        // Outside the application's scope: another county, an expert not assigned to it — 404, list and file.
        foreach (var user in new[] { "gs-county", await flow.NewExpertAsync() })
        {
            using var client = await flow.LoginAsync(user);
            (await client.GetJsonAsync($"/api/v1/applications/{id}/materials/{materialId}")).Status.ShouldBe(HttpStatusCode.NotFound, user);
            (await client.GetJsonAsync($"/api/v1/applications/{id}/materials")).Status.ShouldBe(HttpStatusCode.NotFound, user);
            (await UploadAsync(client, id, "x.pdf", Pdf(100))).Status.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        }
        (await enterprise.GetJsonAsync($"/api/v1/applications/{id}/materials")).Json!.AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(materialId);
    }

    [Fact]
    public async Task Files_over_the_limit_or_not_what_their_name_says_are_refused_with_a_clear_message_and_leave_nothing_behind()
    {
        await using var flow = new ReviewFlow(app);
        var id = await flow.ApplyAsync(await flow.OpenRoundAsync());
        using var county = await flow.LoginAsync("sc-county");
        var before = await StateAsync(id);

        var tooLarge = await UploadAsync(county, id, "big.pdf", Pdf((int)ReviewFlow.MaxMaterialBytes + 1));
        tooLarge.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, tooLarge.Text);
        tooLarge.Json!["title"]!.GetValue<string>().ShouldContain("文件过大");
        tooLarge.Json["detail"]!.GetValue<string>().ShouldContain("4096 bytes");

        // An executable renamed .pdf: the name says PDF, the content ("MZ") does not.
        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0x00, .. new byte[200]];
        var disguised = await UploadAsync(county, id, "营业执照.pdf", exe);
        disguised.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType, disguised.Text);
        disguised.Json!["title"]!.GetValue<string>().ShouldContain("内容与扩展名不符");
        disguised.Json["detail"]!.GetValue<string>().ShouldContain("magic bytes");
        // A real PNG named .pdf, a ZIP that is no Office file named .docx, an .exe by name.
        (await UploadAsync(county, id, "scan.pdf", Png())).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await UploadAsync(county, id, "plan.docx", Zip(("readme.txt", "hi")))).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await UploadAsync(county, id, "setup.exe", exe)).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await UploadAsync(county, id, "empty.pdf", [])).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await StateAsync(id)).ShouldBe(before);

        // Exactly at the limit is accepted; so are the other kinds, recognised by content.
        (await UploadAsync(county, id, "limit.pdf", Pdf((int)ReviewFlow.MaxMaterialBytes))).Status.ShouldBe(HttpStatusCode.Created);
        var kinds = new List<string>();
        foreach (var (name, bytes) in new[]
        {
            ("photo.JPG", (byte[])[0xFF, 0xD8, 0xFF, 0xE0, .. new byte[60]]),
            ("scan.png", Png()),
            ("报表.xlsx", Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"))),
            ("说明.docx", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<document/>"))),
        })
        {
            var (status, json, text) = await UploadAsync(county, id, name, bytes);
            status.ShouldBe(HttpStatusCode.Created, text);
            kinds.Add(json!["kind"]!.GetValue<string>());
        }
        kinds.ShouldBe(["jpeg", "png", "xlsx", "docx"]);
    }

    private Task<string> StateAsync(long id) =>
        app.WithDbAsync(async db =>
        {
            var rows = await db.ApplicationMaterials.CountAsync(m => m.ApplicationId == id);
            var files = Directory.Exists(app.MaterialsPath) ? Directory.GetFiles(app.MaterialsPath).Length : 0;
            var audits = await db.AuditEntries.CountAsync(a => a.Entity == nameof(ApplicationMaterial));
            return $"{rows}|{files}|{audits}";
        });

    private static async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> UploadAsync(HttpClient client, long id, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var answer = await client.PostAsync(Http.Url($"/api/v1/applications/{id}/materials"), form, TestContext.Current.CancellationToken);
        return await Http.ReadAsync(answer);
    }

    private static byte[] Pdf(int length)
    {
        var bytes = new byte[length];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[40]];

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteMaterialsTests(SqliteAppFixture app) : MaterialsTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresMaterialsTests(PostgresAppFixture app) : MaterialsTests(app);
