using Xunit;

namespace Tidu.Cli.Tests;

/// <summary>
/// The classes whose tests start the CLI's silos in the test process (<c>tidu cluster … --silos N</c>): those silos
/// listen on fixed local ports under one cluster id, so two classes' silos at once would join each other's cluster.
/// One class at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalSilos
{
    public const string Name = "local-silos";
}
