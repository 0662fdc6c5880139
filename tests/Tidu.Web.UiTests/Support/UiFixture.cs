using Microsoft.Playwright;
using Xunit;

[assembly: AssemblyFixture(typeof(Tidu.Web.UiTests.Support.UiFixture))]

namespace Tidu.Web.UiTests.Support;

/// <summary>One server and one headless Chromium for the whole run; each test opens its own browser context (own cookies).</summary>
public sealed class UiFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public TiduServer Server { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await ChromiumInstallation.EnsureAsync().ConfigureAwait(false);
        Server.Start();
        // Playwright's node driver ships in the NuGet package (.playwright/ in the output); no `playwright install`.
        _playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumInstallation.ExecutablePath,
            Headless = true,
            // CI runs as root, where Chromium refuses to start with its sandbox; containers have a tiny /dev/shm.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        }).ConfigureAwait(false);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        }).ConfigureAwait(false);
        // A limit on waiting, not a claim about speed: CI runs this suite beside the web suite on two cores, where one
        // navigation to the monthly report once took longer than 15 s. Nothing here asserts how fast a page is.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync().ConfigureAwait(false);
        }
        _playwright?.Dispose();
        await Server.DisposeAsync().ConfigureAwait(false);
    }
}
