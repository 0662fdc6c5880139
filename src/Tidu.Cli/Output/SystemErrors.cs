using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tidu.Cli.Output;

/// <summary>
/// What a command says when the file system or the database refuses it. Only Tidu's own messages reach the user as
/// they are: the text of a library's or the operating system's exception can carry internals (paths of other
/// processes, server versions, SQL) and is in whatever language the machine is set to, so it is replaced by a
/// description of the cause in Chinese with the English term a maintainer searches for.
/// </summary>
internal static class SystemErrors
{
    /// <summary>The cause of <paramref name="ex"/> in words for the user, without the exception's own text unless Tidu wrote it.</summary>
    public static string Describe(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex switch
        {
            _ when IsTidus(ex) => ex.Message,
            FileNotFoundException { FileName: { } name } => $"文件不存在（file not found）：{name}",
            FileNotFoundException => "文件不存在（file not found）",
            DirectoryNotFoundException => "文件夹不存在（directory not found）",
            PathTooLongException => "路径过长（path too long）",
            UnauthorizedAccessException => "没有访问权限（permission denied）",
            IOException io when IsDiskFull(io) => "磁盘空间不足（no space left on device）",
            IOException => "读写失败（I/O error）",
            SqliteException sqlite => Sqlite(sqlite),
            PostgresException postgres => Postgres(postgres),
            NpgsqlException => "无法连接到 PostgreSQL 服务器（connection failed）",
            DbException => "数据库错误（database error）",
            { InnerException: { } inner } => Describe(inner),
            ArgumentException => "连接字符串或参数格式不正确（invalid connection string or argument）",
            _ => $"系统错误（{ex.GetType().Name}）",
        };
    }

    // ENOSPC on Linux, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
    private static bool IsDiskFull(IOException io) => (io.HResult & 0xFFFF) is 28 or 0x70 or 0x27;

    private static bool IsTidus(Exception ex) => ex.Source?.StartsWith("Tidu", StringComparison.Ordinal) == true;

    // Primary result codes: https://sqlite.org/rescode.html
    private static string Sqlite(SqliteException ex) => ex.SqliteErrorCode switch
    {
        5 or 6 => "数据库正被另一个进程使用（database is locked）",
        8 => "数据库文件只读（read-only database）",
        10 => "读写数据库文件失败（disk I/O error）",
        11 => "数据库文件已损坏（database disk image is malformed）",
        13 => "磁盘空间不足（database or disk is full）",
        14 => "无法打开数据库文件（unable to open database file）",
        26 => "该文件不是数据库（file is not a database）",
        1 => "该数据库不是本平台的数据库，或版本不符（SQL error）",
        _ => $"SQLite 错误，代码 {ex.SqliteErrorCode}",
    };

    // SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
    private static string Postgres(PostgresException ex) => ex.SqlState switch
    {
        "28P01" or "28000" => "PostgreSQL 拒绝了用户名或密码（authentication failed）",
        "3D000" => "PostgreSQL 上没有这个数据库（database does not exist）",
        "42P01" or "42703" => "该数据库不是本平台的数据库，或版本不符（undefined table or column）",
        "42501" => "数据库用户没有所需权限（insufficient privilege）",
        "53100" => "数据库服务器磁盘空间不足（disk full）",
        "57P01" or "57P02" or "57P03" => "PostgreSQL 服务器正在关闭或启动（server not available）",
        _ => $"PostgreSQL 错误，SQLSTATE {ex.SqlState}",
    };
}
