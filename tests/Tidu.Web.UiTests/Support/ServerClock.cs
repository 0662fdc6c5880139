using Xunit;

namespace Tidu.Web.UiTests.Support;

/// <summary>Tests that shift the shared server's clock: they run with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerClock
{
    public const string Name = "server clock";
}
