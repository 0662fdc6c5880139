using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace Tidu.Web.Tests.Pages;

/// <summary>
/// The platform started as the README starts it (its own process, a new SQLite file, demo data on): with its port
/// taken it stops at once with one Chinese sentence and touches nothing; with a free port it announces each phase of
/// the first start in one Chinese line, then prints the demo bank's call to try — and that call answers.
/// </summary>
public sealed partial class FirstStartProcessTests
{
    /// <summary>Few enough to seed quickly; every phase still runs.</summary>
    private const int DemoEnterprises = 30;

    /// <summary>A guard against a hung process only; the test does not depend on how long a start takes.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_taken_port_stops_the_start_before_any_work_with_one_Chinese_sentence()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var database = Path.Combine(Path.GetTempPath(), $"tidu-first-{Guid.NewGuid():N}.db");

        using var process = Start($"http://localhost:{port}", database);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using (var timeout = new CancellationTokenSource(Guard))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        process.ExitCode.ShouldBe(1);
        var errors = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        errors.ShouldHaveSingleItem().ShouldStartWith($"[梯度] 端口 {port} 已被占用");
        // Nothing was done: no phase was announced and no database was created.
        (await stdout).ShouldNotContain("[梯度]");
        File.Exists(database).ShouldBeFalse();
    }

    [Fact]
    public async Task The_first_start_announces_each_phase_in_Chinese_and_the_printed_bank_call_answers()
    {
        var database = Path.Combine(Path.GetTempPath(), $"tidu-first-{Guid.NewGuid():N}.db");
        var lines = new BlockingCollection<string>();
        using var process = Start("http://127.0.0.1:0", database);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Add(e.Data);
            }
        };
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Our lines until the bank call, which is printed once Kestrel has bound.
            var ours = new List<string>();
            using var timeout = new CancellationTokenSource(Guard);
            while (!ours.Any(l => l.Contains("试用演示银行密钥", StringComparison.Ordinal)))
            {
                if (!lines.TryTake(out var line, 1000, timeout.Token))
                {
                    process.HasExited.ShouldBeFalse($"the platform stopped: {stderr}");
                    continue;
                }
                if (line.StartsWith("[梯度]", StringComparison.Ordinal))
                {
                    ours.Add(line["[梯度]".Length..].Trim());
                }
            }

            string[] phases =
            [
                "正在检查并更新数据库结构", "正在载入行政区划", $"正在生成并评价 {DemoEnterprises} 家演示企业", "正在创建演示账号",
                "正在创建演示申报批次（一个申报中，一个公示已结束待认定）", "正在登记演示授权", "正在导入浙江省名单公布数", "演示数据已就绪", "平台已启动",
            ];
            // Each phase once, in this order.
            var at = phases.Select(p => ours.FindIndex(l => l.Contains(p, StringComparison.Ordinal))).ToList();
            at.ShouldAllBe(i => i >= 0, string.Join(Environment.NewLine, ours));
            at.ShouldBeInOrder(SortDirection.Ascending);
            foreach (var phase in phases)
            {
                ours.Count(l => l.Contains(phase, StringComparison.Ordinal)).ShouldBe(1, phase);
            }
            // Every line is Chinese (a key, an address and account names aside), with no exception text.
            ours.Where(l => !Cjk().IsMatch(l) && !l.StartsWith("tidu_", StringComparison.Ordinal)).ShouldBeEmpty();
            ours.ShouldAllBe(l => !l.Contains("Exception", StringComparison.Ordinal));

            // The call as printed, on the port the platform bound: the demo bank pulls its list.
            var call = BankCall().Match(ours.Last());
            call.Success.ShouldBeTrue(ours.Last());
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, call.Groups["url"].Value);
            request.Headers.Add("X-Api-Key", call.Groups["key"].Value);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The platform from this test's output folder (the web project is referenced, so its build is here), as README's run starts it.</summary>
    private static Process Start(string urls, string database)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "exec", Path.Combine(AppContext.BaseDirectory, "Tidu.Web.dll"), "--urls", urls, "--environment", "Development",
            "--Database:Provider=sqlite", $"--ConnectionStrings:Tidu=Data Source={database}", "--Demo:Seed=true",
            $"--Demo:Enterprises={DemoEnterprises}", "--Logging:LogLevel:Default=Warning",
        })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"X-Api-Key: (?<key>[^""]+)"" (?<url>http://\S+)")]
    private static partial Regex BankCall();
}
