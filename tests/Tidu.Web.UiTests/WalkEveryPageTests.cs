using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Tidu.Web.UiTests.Support;
using Xunit;

namespace Tidu.Web.UiTests;

/// <summary>
/// Walks every page each demo role can reach — the menu's items and the detail pages they link to (two of each kind)
/// — in Chromium, and reads every page as an officer reads it: the visible text holds no JSON Pointer, raw JSON,
/// true/false or English identifier (<see cref="VisibleText"/>); the page does not overflow sideways at 1366×768 or at
/// 390×844; the menu stays on one line at 1366 px; no list shows more than a page of rows; the bell is a drawing, not
/// an emoji. Every page of the menu is saved as a screenshot at both sizes (bin/…/screenshots/walk). All findings of
/// all roles are reported together.
/// </summary>
public sealed partial class WalkEveryPageTests(UiFixture ui)
{
    private const string DemoPassword = "Tidu-demo-2026";

    /// <summary>Pages of one kind (same path shape and query keys) visited per role: enough to see each kind of page.</summary>
    private const int PerKind = 2;

    /// <summary>Pages visited per role at most, to keep CI time bounded.</summary>
    private const int PerRole = 45;

    /// <summary>A list page shows at most a page of rows (Paging.DefaultSize) plus its headers and totals.</summary>
    private const int MaxRows = 60;

    private static readonly (int Width, int Height)[] Sizes = [(1366, 768), (390, 844)];

    private readonly ITestOutputHelper _log = TestContext.Current.TestOutputHelper!;

    public static TheoryData<string> DemoRoles =>
        ["sysadmin", "secadmin", "auditor", "zj-province", "hz-city", "sc-county", "hb-province", "expert", "enterprise", "sc-commissioner"];

    [Theory]
    [MemberData(nameof(DemoRoles))]
    public async Task Every_reachable_page_reads_in_Chinese_and_fits_a_desktop_and_a_phone(string user)
    {
        var stopwatch = Stopwatch.StartNew();
        var page = await LogInAsync(user);
        var findings = new List<(string Page, string Finding)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<(string Path, bool FromMenu)>();
        queue.Enqueue(("/", true));
        foreach (var link in await MenuLinksAsync(page))
        {
            queue.Enqueue((link, true));
        }
        while (queue.Count > 0 && seen.Count < PerRole)
        {
            var (path, fromMenu) = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }
            var response = await page.GotoAsync(path);
            var status = response?.Status ?? 0;
            if (status >= 400)
            {
                findings.Add((path, $"HTTP {status}"));
                continue;
            }
            findings.AddRange((await CheckPageAsync(page, fromMenu, user)).Select(f => (path, f)));
            foreach (var link in await PageLinksAsync(page))
            {
                var kind = Kind(link);
                if (!seen.Contains(link) && perKind.GetValueOrDefault(kind) < PerKind)
                {
                    perKind[kind] = perKind.GetValueOrDefault(kind) + 1;
                    queue.Enqueue((link, false));
                }
            }
        }
        _log.WriteLine($"{user}: {seen.Count} pages in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        await page.Context.CloseAsync();
        // One line per distinct finding, with how many pages show it and one of them.
        var report = findings.GroupBy(f => f.Finding.Split(" in …")[0])
            .Select(g => $"{user}: {g.First().Finding} ({g.Select(f => f.Page).Distinct().Count()} pages, e.g. {g.First().Page})").ToList();
        report.ShouldBeEmpty(string.Join(Environment.NewLine, report.Take(60)));
        seen.Count.ShouldBeGreaterThan(1); // the walk went somewhere
    }

    [Fact]
    public async Task The_sign_in_page_reads_in_Chinese_and_offers_no_other_way_in_than_the_configured_ones()
    {
        var page = await ui.NewPageAsync();
        (await page.GotoAsync("/Account/Login"))!.Status.ShouldBe(200);
        var findings = await CheckPageAsync(page, fromMenu: true, "anonymous");
        findings.ShouldBeEmpty(string.Join(Environment.NewLine, findings));
        // No identity provider is configured in the demo: the page offers the local sign-in and nothing else.
        (await page.Locator("form.external button").CountAsync()).ShouldBe(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_expert_lands_on_their_review_tasks()
    {
        var page = await LogInAsync("expert");
        await page.GotoAsync("/");
        new Uri(page.Url).AbsolutePath.ShouldBe("/Applications");
        (await page.GetByTestId("nav").InnerTextAsync()).ShouldNotContain("企业筛选");
        // The access matrix gives an expert no enterprise file: typed in by hand, the list is refused in Chinese.
        await page.GotoAsync("/Enterprises");
        new Uri(page.Url).AbsolutePath.ShouldBe("/Account/AccessDenied");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("无权访问该页面。");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_API_reference_loads_its_fonts_and_scripts_within_the_content_security_policy()
    {
        var page = await LogInAsync("zj-province");
        var refused = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(m.Text);
            }
        };
        page.RequestFailed += (_, r) => refused.Add($"{r.Url}: {r.Failure}");
        var response = await page.GotoAsync("/scalar/v1", new() { WaitUntil = WaitUntilState.NetworkIdle });
        response!.Status.ShouldBe(200);
        refused.ShouldBeEmpty(string.Join(Environment.NewLine, refused));
        (await page.TitleAsync()).ShouldContain("梯度");
        await page.Context.CloseAsync();
    }

    /// <summary>The findings of one page: its text, its width at both sizes, its menu, its lists.</summary>
    private static async Task<List<string>> CheckPageAsync(IPage page, bool fromMenu, string user)
    {
        var findings = new List<string>();
        var text = await page.EvaluateAsync<string>(VisibleTextScript);
        findings.AddRange(VisibleText.Scan(text).Select(f => $"{f.Kind}: {f.Match} in …{f.Text}…"));
        if (text.Contains("\U0001F514", StringComparison.Ordinal))
        {
            findings.Add("the bell is an emoji");
        }
        var longest = await page.EvaluateAsync<int>("() => Math.max(0, ...Array.from(document.querySelectorAll('table.grid')).map(t => t.querySelectorAll('tbody tr').length))");
        if (longest > MaxRows)
        {
            findings.Add($"a list of {longest} rows on one page");
        }
        foreach (var (width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            // Measured once the page has laid itself out again at the new size (two frames: the resize, then the redraw).
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 1)
            {
                findings.Add($"{overflow} px wider than the window at {width}×{height}");
            }
            if (width >= 1000)
            {
                var menuHeight = await page.EvaluateAsync<double>("() => document.querySelector('header.topbar')?.getBoundingClientRect().height ?? 0");
                if (menuHeight > 64)
                {
                    findings.Add($"the menu wraps at {width} px ({menuHeight:0} px high)");
                }
            }
            if (fromMenu)
            {
                await SaveScreenshotAsync($"{user}-{Slug(new Uri(page.Url).PathAndQuery)}-{width}x{height}.png", await page.ScreenshotAsync(new() { FullPage = true }));
            }
        }
        await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
        return findings;
    }

    /// <summary>The page's text as shown (innerText), without what is meant to be copied as it is (class "raw": an API key).</summary>
    private const string VisibleTextScript = """
        () => {
          // Blank the raw elements while reading (removing their text from the page's text by search would also cut
          // it out of longer raw texts that contain it), then put them back.
          const raws = Array.from(document.querySelectorAll('.raw'));
          const saved = raws.map(r => r.textContent);
          raws.forEach(r => { r.textContent = ' '; });
          const text = document.body.innerText;
          raws.forEach((r, i) => { r.textContent = saved[i]; });
          return text;
        }
        """;

    private static async Task<IReadOnlyList<string>> MenuLinksAsync(IPage page) =>
        Followable(await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('nav.menu a[href], a[data-testid=bell]')).map(a => a.getAttribute('href'))"));

    private static async Task<IReadOnlyList<string>> PageLinksAsync(IPage page) =>
        Followable(await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('main a[href]')).map(a => a.getAttribute('href'))"));

    /// <summary>Pages of the platform: not the API, files, the API reference (a tool of its own, checked apart) or signing out.</summary>
    private static List<string> Followable(IEnumerable<string> links) =>
        [.. links.Where(l => l.StartsWith('/') && !NotAPage().IsMatch(l)).Distinct()];

    [GeneratedRegex(@"^/(api|scalar|openapi|Account/Logout|lib|css|js)\b|handler=|format=|/Template|download", RegexOptions.IgnoreCase)]
    private static partial Regex NotAPage();

    /// <summary>What makes two links the same kind of page: the path with ids and credit codes blanked, and the query's keys.</summary>
    private static string Kind(string link)
    {
        var parts = link.Split('?', 2);
        var path = IdSegment().Replace(parts[0], "/_");
        var keys = parts.Length > 1 ? string.Join('&', parts[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal)) : "";
        return path + "?" + keys;
    }

    [GeneratedRegex(@"/(\d+|[0-9A-Z]{18})(?=/|$)")]
    private static partial Regex IdSegment();

    private static string Slug(string pathAndQuery) =>
        Regex.Replace(pathAndQuery.Trim('/'), @"[^A-Za-z0-9]+", "-") is { Length: > 0 } s ? s[..Math.Min(s.Length, 60)] : "home";

    private async Task<IPage> LogInAsync(string userName)
    {
        var page = await ui.NewPageAsync();
        await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByTestId("display-name").WaitForAsync();
        return page;
    }

    private static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots", "walk");

    private static async Task SaveScreenshotAsync(string name, byte[] png)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotFolder, name), png, TestContext.Current.CancellationToken);
    }
}
