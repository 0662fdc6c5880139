using Microsoft.Data.Sqlite;
using Npgsql;
using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Cli.Output;
using Tidu.Data;
using Xunit;

namespace Tidu.Cli.Tests.Output;

/// <summary>
/// A command refused by the file system or the database names the cause in words, never with the text of the
/// library's or the operating system's exception; Tidu's own messages pass as they are.
/// </summary>
public sealed class SystemErrorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cli-errors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_missing_file_is_named_without_the_runtime_s_sentence()
    {
        var missing = Path.Combine(_dir, "absent.jsonl");
        var ex = Should.Throw<FileNotFoundException>(() => File.OpenRead(missing));
        var said = SystemErrors.Describe(ex);
        said.ShouldBe($"文件不存在（file not found）：{missing}");
        said.ShouldNotContain(ex.Message);
    }

    [Fact]
    public void A_missing_folder_and_a_refused_permission_have_their_own_words()
    {
        var ex = Should.Throw<DirectoryNotFoundException>(() => File.WriteAllText(Path.Combine(_dir, "no", "such", "x"), ""));
        SystemErrors.Describe(ex).ShouldBe("文件夹不存在（directory not found）");
        SystemErrors.Describe(new UnauthorizedAccessException("Access to the path '/etc/shadow' is denied.")).ShouldBe("没有访问权限（permission denied）");
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_said_to_be_so()
    {
        var path = Path.Combine(_dir, "notes.db");
        File.WriteAllText(path, new string('x', 4096));
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master";
        var ex = Should.Throw<SqliteException>(() => command.ExecuteScalar());
        var said = SystemErrors.Describe(ex);
        said.ShouldBe("该文件不是数据库（file is not a database）");
        said.ShouldNotContain(ex.Message);
    }

    [Theory]
    [InlineData("28P01", "PostgreSQL 拒绝了用户名或密码（authentication failed）")]
    [InlineData("3D000", "PostgreSQL 上没有这个数据库（database does not exist）")]
    [InlineData("42P01", "该数据库不是本平台的数据库，或版本不符（undefined table or column）")]
    [InlineData("XX000", "PostgreSQL 错误，SQLSTATE XX000")]
    public void A_server_refusal_is_described_by_its_sqlstate_not_its_text(string sqlState, string expected)
    {
        var ex = new PostgresException("relation \"secret_internal_table\" does not exist", "ERROR", "ERROR", sqlState);
        SystemErrors.Describe(ex).ShouldBe(expected);
    }

    [Fact]
    public void An_unreachable_server_is_a_connection_failure()
    {
        var ex = new NpgsqlException("Failed to connect to 10.0.0.7:5432", new TimeoutException());
        SystemErrors.Describe(ex).ShouldBe("无法连接到 PostgreSQL 服务器（connection failed）");
    }

    [Fact]
    public void A_malformed_connection_string_is_said_to_be_one()
    {
        var ex = Should.Throw<ArgumentException>(() => new SqliteConnectionStringBuilder("Nonsense Keyword=1"));
        var said = SystemErrors.Describe(ex);
        said.ShouldBe("连接字符串或参数格式不正确（invalid connection string or argument）");
        said.ShouldNotContain("Nonsense");
    }

    [Fact]
    public void A_wrapped_database_failure_is_described_by_its_cause()
    {
        var wrapped = new InvalidOperationException("An exception was thrown while attempting to evaluate a LINQ query", new PostgresException("x", "ERROR", "ERROR", "3D000"));
        SystemErrors.Describe(wrapped).ShouldBe("PostgreSQL 上没有这个数据库（database does not exist）");
    }

    [Fact]
    public void Tidu_s_own_message_passes_as_it_is()
    {
        var ex = Should.Throw<InvalidOperationException>(() => DatabaseServices.ParseProvider("oracle"));
        SystemErrors.Describe(ex).ShouldBe(ex.Message);
        ex.Message.ShouldContain("oracle");
    }

    [Fact]
    public void Screening_a_missing_file_says_so_in_words_and_exits_2()
    {
        var missing = Path.Combine(_dir, "absent.jsonl");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ScreenCommand.Run(new FileInfo(missing), "2026-03-31", new FileInfo(Path.Combine(_dir, "out.jsonl")), null, false, null, stdout, stderr, FixedClock.TestDay);
        code.ShouldBe(ExitCodes.Failure);
        stderr.ToString().ShouldContain($"文件不存在（file not found）：{missing}");
        stderr.ToString().ShouldNotContain("Could not find");
        stderr.ToString().ShouldNotContain("   at ");
    }
}
