using Tidu.Web;
using Tidu.Web.Seeding;

var builder = WebApplication.CreateBuilder(args);
// A taken port is reported before any work is done (migrations and demo data take minutes on a first start).
if (PortCheck.Taken(builder.Configuration["urls"]) is { } taken)
{
    Console.Error.WriteLine("[梯度] " + taken);
    return 1;
}
builder.AddTidu();
var app = builder.Build();
await app.InitializeDatabaseAsync(StartupProgress.Console).ConfigureAwait(false);
app.UseTidu();
try
{
    await app.RunAsync().ConfigureAwait(false);
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Taken between the check and the start (another program was quicker): the same sentence, no stack trace.
    // The exception's own text is English and technical: the sentence names the addresses instead.
    Console.Error.WriteLine($"[梯度] 端口已被占用，平台未能启动（{builder.Configuration["urls"]}）：请先关闭占用该端口的程序，或用 --urls 指定其他端口。");
    return 1;
}
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
