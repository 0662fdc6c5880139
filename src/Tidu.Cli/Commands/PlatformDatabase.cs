using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Tidu.Data;
using Tidu.Data.Cryptography;
using Tidu.Data.Scoping;

namespace Tidu.Cli.Commands;

/// <summary>
/// The options every command on the platform's database shares (<c>--connection</c>, <c>--provider</c>, <c>--keys</c>)
/// and how such a command opens it: the key ring from the key directory and the <c>Crypto__…</c> environment variables,
/// exactly as the platform reads them, so the CLI reads what the platform wrote.
/// </summary>
internal static class PlatformDatabase
{
    public static Option<string> ConnectionOption() =>
        new("--connection") { Description = "数据库连接字符串（与平台 ConnectionStrings:Tidu 相同）", Required = true };

    public static Option<string> ProviderOption()
    {
        var provider = new Option<string>("--provider") { Description = "数据库类型：sqlite 或 postgres", DefaultValueFactory = _ => "sqlite" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        return provider;
    }

    public static Option<string?> KeysOption() =>
        new("--keys") { Description = "密钥目录（与平台 Crypto:KeyDirectory 相同；也读取 Crypto__ 环境变量）" };

    public static KeyRing Keys(string? keyDirectory)
    {
        var builder = new ConfigurationBuilder().AddEnvironmentVariables();
        if (keyDirectory is not null)
        {
            builder.AddInMemoryCollection([new("Crypto:KeyDirectory", keyDirectory)]);
        }
        return KeyRing.FromConfiguration(builder.Build(), Environment.CurrentDirectory);
    }

    public static TiduDbContext Open(string provider, string connection, KeyRing keys, string actor) =>
        DatabaseServices.CreateContext(DatabaseServices.ParseProvider(provider), connection,
            new FixedRegionScope(RegionScope.Everything(actor)), TimeProvider.System, new FieldCipher(keys));
}
