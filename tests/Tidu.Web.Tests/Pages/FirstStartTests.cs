using System.Net;
using System.Net.Sockets;
using Shouldly;
using Tidu.Web.Seeding;
using Xunit;

namespace Tidu.Web.Tests.Pages;

/// <summary>The first start checks the port before any work, and says in one Chinese sentence which one is taken.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public void A_taken_port_is_named_before_any_work_and_a_free_one_passes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var message = PortCheck.Taken($"http://localhost:{port}");
        message.ShouldNotBeNull();
        message.ShouldStartWith($"端口 {port} 已被占用");
        message.ShouldContain("--urls");
        PortCheck.Taken($"http://localhost:{port};http://localhost:0").ShouldNotBeNull();

        listener.Stop();
        PortCheck.Taken($"http://localhost:{port}").ShouldBeNull();
        PortCheck.Taken(null).ShouldBeNull();
        PortCheck.Taken("http://localhost:0").ShouldBeNull(); // a port chosen by the system is never taken
    }
}
