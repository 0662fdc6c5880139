using Tidu.Web;
using Tidu.Web.Seeding;

var builder = WebApplication.CreateBuilder(args);
builder.AddTidu();
var app = builder.Build();
await app.InitializeDatabaseAsync().ConfigureAwait(false);
app.UseTidu();
await app.RunAsync().ConfigureAwait(false);

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
