using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets its own host of the shared app on a fake clock (xunit makes one instance per
/// test), disposed after the test: sign-in tests move time (code steps, idle timeouts, password age) without touching
/// another test's host.
/// </summary>
public abstract class ClockedHostTests(DateTimeOffset start) : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _host;

    protected FakeTimeProvider Clock { get; } = new(start);

    protected WebApplicationFactory<Program> Host => _host ?? throw new InvalidOperationException("not initialised");

    /// <summary>The host of this test on <paramref name="clock"/>.</summary>
    protected abstract WebApplicationFactory<Program> CreateHost(FakeTimeProvider clock);

    public ValueTask InitializeAsync()
    {
        _host = CreateHost(Clock);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
