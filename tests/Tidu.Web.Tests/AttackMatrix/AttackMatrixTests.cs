using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Tidu.Application;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.AttackMatrix;

/// <summary>
/// The attack matrix as a permanent test. Every principal kind — each role, each kind of API key, a cookie sent with
/// another province's key, nobody — sends every endpoint and every page handler the running app has (read from its
/// endpoint data source and its pages, not listed here) at the objects of another county, another city and another
/// province, reading and writing. Found: a leak (an object of a region outside the principal's reach answered, a
/// marker of one in any answer, a write to one), a role finding (a principal the access matrix refuses was not
/// refused), an error (a 5xx), an endpoint that declares no resource or whose route the suite cannot aim. Then every
/// GET parameter of a number or date type gets values far out of range: a 400, never a 5xx, always with the
/// security headers. The figures go to attack-matrix-{provider}.txt beside the tests.
/// </summary>
public abstract class AttackMatrixTests(TiduAppFixture app)
{
    private sealed record Principal(string Name, ActorKind Actor, bool Combined, HttpClient Client, bool Cookie, IReadOnlyList<ObjectSet> Victims);

    private sealed class Figures
    {
        public int Attempts { get; set; }
        public int Refused { get; set; }
        public int Answered { get; set; }
        public int RangeProbes { get; set; }
        public HashSet<string> Covered { get; } = [];
        public List<string> Leaks { get; } = [];
        public List<string> RoleFindings { get; } = [];
        public List<string> Errors { get; } = [];
        public List<string> Coverage { get; } = [];
    }

    [Fact]
    public async Task Every_principal_against_every_endpoint_finds_no_leak_no_role_finding_and_no_error()
    {
        var data = await AttackData.CreateAsync(app);
        var probes = await AttackSurface.ReadAsync(app.App.Services);
        var figures = new Figures();
        foreach (var probe in probes.Where(p => !p.Anonymous))
        {
            if (probe.Access is null)
            {
                figures.Coverage.Add($"{probe.Name}: declares no resource of the access matrix");
            }
            foreach (var name in probe.Unresolved)
            {
                figures.Coverage.Add($"{probe.Name}: the suite cannot aim route parameter {{{name}}}");
            }
        }
        var before = new Dictionary<string, string>();
        foreach (var v in data.Victims)
        {
            before[v.Name] = await AttackData.SnapshotAsync(app, v);
        }

        var principals = await PrincipalsAsync(data);
        try
        {
            foreach (var principal in principals)
            {
                var token = principal.Cookie ? await TokenAsync(principal.Client) : null;
                foreach (var probe in probes.Where(p => !p.Anonymous && p.Access is not null && p.Unresolved.Count == 0))
                {
                    await AttackAsync(principal, token, probe, data, figures);
                }
            }
            // Out-of-range values from the principals who reach the most: the province officer (enterprise data and the
            // procedure) and the audit administrator (the audit trail).
            foreach (var reaching in principals.Where(p => p.Actor is ActorKind.ProvinceOfficer or ActorKind.AuditAdministrator && !p.Combined))
            {
                await OutOfRangeAsync(reaching, probes, data, figures);
            }
        }
        finally
        {
            foreach (var p in principals)
            {
                p.Client.Dispose();
            }
        }
        foreach (var v in data.Victims)
        {
            var after = await AttackData.SnapshotAsync(app, v);
            if (after != before[v.Name])
            {
                figures.Leaks.Add($"the objects of {v.Name} changed: {before[v.Name]} → {after}");
            }
        }
        var uncovered = probes.Where(p => !p.Anonymous && !figures.Covered.Contains(p.Name)).Select(p => p.Name).ToList();
        figures.Coverage.AddRange(uncovered.Select(n => $"{n}: no principal's request reached it"));

        var report = Report(figures, probes, principals.Count);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, $"attack-matrix-{app.Provider}.txt"), report, TestContext.Current.CancellationToken);
        // The report itself is the message, findings first: a CI log shows only a failure's first lines.
        if (figures.Leaks.Count + figures.RoleFindings.Count + figures.Errors.Count + figures.Coverage.Count > 0)
        {
            Assert.Fail(report);
        }
    }

    private async Task AttackAsync(Principal principal, string? token, Probe probe, AttackData data, Figures figures)
    {
        var reach = principal.Combined ? Reach.None : AccessMatrix.Of(principal.Actor, probe.Access!.Resource, probe.Access.Operation);
        IReadOnlyList<ObjectSet> targets = principal.Combined || principal.Actor == ActorKind.Anonymous || reach == Reach.None ? [data.Home]
            : reach == Reach.All ? []
            : principal.Victims;
        foreach (var target in targets)
        {
            var attempt = probe.Aim(target);
            var denial = target == data.Home;
            if (!denial && attempt.Method != HttpMethod.Get && !attempt.UsesTarget)
            {
                continue; // a write that aims at nothing of the victim's would only write the attacker's own data
            }
            var watched = denial ? [data.Home.CreditCode] : principal.Victims.Select(v => v.CreditCode).ToList();
            var mark = await AttackData.AuditMarkAsync(app, watched);
            using var request = new HttpRequestMessage(attempt.Method, Http.Url(attempt.Url)) { Content = attempt.Body(token) };
            using var response = await principal.Client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await TextOfAsync(response);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString ?? "";
            var what = $"{principal.Name} → {attempt.Method} {attempt.Url} [{target.Name}]: {status}";
            figures.Attempts++;
            figures.Covered.Add(probe.Name);
            var refused = status is 400 or 401 or 403 or 404 or 409 or 413 or 422 or 429
                || (status == 302 && (location.Contains("/Account/Login", StringComparison.Ordinal) || location.Contains("/Account/AccessDenied", StringComparison.Ordinal)));
            if (refused)
            {
                figures.Refused++;
            }
            else if (status is >= 200 and < 400)
            {
                figures.Answered++;
            }
            if (status >= 500)
            {
                figures.Errors.Add(what);
            }
            if (await AttackData.AuditMarkAsync(app, watched) != mark)
            {
                (denial ? figures.RoleFindings : figures.Leaks).Add(what + " wrote to " + (denial ? "the home objects" : "a victim's objects"));
            }
            if (denial)
            {
                if (!Denied(principal, probe, status, location))
                {
                    figures.RoleFindings.Add(what + $" (the access matrix gives {principal.Actor} no {probe.Access!.Operation} of {probe.Access.Resource})");
                }
                continue;
            }
            if (attempt.PrivateObjectInRoute && !refused && status < 500)
            {
                figures.Leaks.Add(what + " answered for an object outside the principal's reach");
            }
            foreach (var victim in principal.Victims)
            {
                if (victim.Markers.Any(m => body.Contains(m, StringComparison.Ordinal) || location.Contains(m, StringComparison.Ordinal)))
                {
                    figures.Leaks.Add(what + $" carried a marker of {victim.Name}");
                }
            }
        }
    }

    /// <summary>How a refusal looks for this principal: 400 for a cookie with a key, 401 or the sign-in page for nobody (and keys on pages), 403 or the access-denied page otherwise.</summary>
    private static bool Denied(Principal principal, Probe probe, int status, string location)
    {
        if (principal.Combined)
        {
            return status == 400;
        }
        if (probe.Surface == "page")
        {
            return status == 302 && (location.Contains("/Account/AccessDenied", StringComparison.Ordinal) || location.Contains("/Account/Login", StringComparison.Ordinal));
        }
        if (probe.Template.StartsWith("/scalar", StringComparison.Ordinal) || probe.Template.StartsWith("/openapi", StringComparison.Ordinal))
        {
            // The API description is not the API: an anonymous browser is sent to sign in.
            return status is 401 or 403 || (status == 302 && location.Contains("/Account/Login", StringComparison.Ordinal));
        }
        return principal.Actor == ActorKind.Anonymous ? status == 401 : status == 403;
    }

    /// <summary>Every GET parameter of a number or date type, far out of range, as the administrator (who reaches everything).</summary>
    private static async Task OutOfRangeAsync(Principal admin, IReadOnlyList<Probe> probes, AttackData data, Figures figures)
    {
        foreach (var probe in probes.Where(p => p.Method == "GET" && !p.Anonymous))
        {
            foreach (var (name, type) in probe.Query)
            {
                var t = Nullable.GetUnderlyingType(type) ?? type;
                string[] values = t == typeof(int) || t == typeof(long) || t == typeof(decimal) ? ["2147483647", "-2147483648", "0", "99999999999999999999"]
                    : t == typeof(DateOnly) ? ["9999-12-31", "0001-01-01"]
                    : t == typeof(string) ? [new string('9', 5000)]
                    : [];
                foreach (var value in values)
                {
                    var url = probe.Aim(data.Home).Url.Split('?')[0];
                    url += (probe.Handler is null ? "?" : $"?handler={probe.Handler}&") + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);
                    using var response = await admin.Client.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
                    figures.RangeProbes++;
                    var status = (int)response.StatusCode;
                    if (status >= 500 || !response.Headers.Contains("X-Content-Type-Options") || !response.Headers.Contains("Content-Security-Policy"))
                    {
                        figures.Errors.Add($"{admin.Name} → GET {url}: {status}{(response.Headers.Contains("Content-Security-Policy") ? "" : " without the security headers")}");
                    }
                }
            }
        }
    }

    private async Task<List<Principal>> PrincipalsAsync(AttackData data)
    {
        var all = data.Victims;
        var list = new List<Principal>();
        async Task<Principal> UserAsync(string role, ActorKind actor, IReadOnlyList<ObjectSet> victims) =>
            new(role, actor, false, await Sessions.LoginAsync(NewClient(), data.Users[role], AttackData.Password), true, victims);
        // 三员分立: none of the administrators reaches any enterprise's objects.
        list.Add(await UserAsync("system-admin", ActorKind.SystemAdministrator, all));
        list.Add(await UserAsync("security-admin", ActorKind.SecurityAdministrator, all));
        list.Add(await UserAsync("audit-admin", ActorKind.AuditAdministrator, all));
        list.Add(await UserAsync("province", ActorKind.ProvinceOfficer, [all[2]]));
        list.Add(await UserAsync("city", ActorKind.CityOfficer, [all[1], all[2]]));
        list.Add(await UserAsync("county", ActorKind.CountyOfficer, all));
        list.Add(await UserAsync("commissioner", ActorKind.Commissioner, all));
        list.Add(await UserAsync("expert", ActorKind.Expert, all));
        list.Add(await UserAsync("enterprise", ActorKind.Enterprise, all));
        list.Add(new Principal("read-key", ActorKind.FileReadKey, false, KeyClient(data.ReadKey), false, all));
        list.Add(new Principal("write-key", ActorKind.FileWriteKey, false, KeyClient(data.WriteKey), false, all));
        list.Add(new Principal("list-key", ActorKind.ListKey, false, KeyClient(data.ListKey), false, all));
        list.Add(new Principal("anonymous", ActorKind.Anonymous, false, NewClient(), false, all));
        var combined = await Sessions.LoginAsync(NewClient(), data.Users["county"], AttackData.Password);
        combined.DefaultRequestHeaders.Add("X-Api-Key", data.ForeignKey);
        list.Add(new Principal("cookie+key", ActorKind.CountyOfficer, true, combined, true, all));
        return list;
    }

    private HttpClient NewClient() =>
        app.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress });

    private HttpClient KeyClient(string key)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<string?> TokenAsync(HttpClient client)
    {
        // A cookie with a key is refused before the test endpoint could hand out a token: such a client has the header already.
        return client.DefaultRequestHeaders.TryGetValues(Sessions.CsrfHeader, out var values) ? values.FirstOrDefault()
            : await client.GetStringAsync(new Uri(TestEndpoints.AntiforgeryPath, UriKind.Relative));
    }

    /// <summary>The answer as text: a spreadsheet or any zip is opened and its parts read, so a marker inside an export is found too.</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        if (bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K')
        {
            var text = new StringBuilder();
            try
            {
                using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
                foreach (var entry in zip.Entries)
                {
                    using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                    text.Append(await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
                }
                return text.ToString();
            }
            catch (InvalidDataException)
            {
                // not a zip after all
            }
        }
        return Encoding.UTF8.GetString(bytes);
    }

    private string Report(Figures f, IReadOnlyList<Probe> probes, int principals)
    {
        var api = probes.Count(p => p.Surface == "api" && !p.Anonymous);
        var pages = probes.Count(p => p.Surface == "page" && !p.Anonymous);
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine(inv, $"leaks: {f.Leaks.Count}; role findings: {f.RoleFindings.Count}; errors: {f.Errors.Count}; coverage findings: {f.Coverage.Count}");
        foreach (var line in f.Leaks.Concat(f.RoleFindings).Concat(f.Errors).Concat(f.Coverage).Take(200))
        {
            b.AppendLine(line);
        }
        b.AppendLine(inv, $"provider: {app.Provider}");
        b.AppendLine(inv, $"principals: {principals}; API endpoints: {api}; page handlers: {pages}; covered: {f.Covered.Count}");
        b.AppendLine(inv, $"attempts: {f.Attempts}; refused: {f.Refused}; answered: {f.Answered}; out-of-range probes: {f.RangeProbes}");
        return b.ToString();
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteAttackMatrixTests(SqliteAppFixture app) : AttackMatrixTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresAttackMatrixTests(PostgresAppFixture app) : AttackMatrixTests(app);
