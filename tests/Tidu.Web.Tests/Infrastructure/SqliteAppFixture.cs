namespace Tidu.Web.Tests.Infrastructure;

/// <summary>The app on a fresh SQLite file in a temporary directory, deleted afterwards.</summary>
public sealed class SqliteAppFixture : TiduAppFixture
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-web-tests-").FullName;

    public override string Provider => "sqlite";

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_dir, "tidu.db")};Pooling=False");

    protected override Task DropDatabaseAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
