using System.CommandLine;
using System.Text;
using Tidu.Cli;
using Tidu.Cli.Commands;
using Tidu.Cli.Output;
using Tidu.Domain.Exchange;

Console.OutputEncoding = Encoding.UTF8;
// A record that fails with a defect is named on stderr; its exception goes to this file for the maintainers.
DefectLog.Use(DefectLog.In(Path.GetTempPath(), TimeProvider.System.GetUtcNow(), Environment.ProcessId));
var root = new RootCommand("Tidu（梯度）— 优质中小企业梯度培育：按规则文件评价企业并解释每一项判断。")
{
    EvaluateCommand.Create(),
    GapCommand.Create(),
    GenerateCommand.Create(),
    ScreenCommand.Create(),
    BenchCommand.Create(),
    RulesCommand.Create(),
    ReplayCommand.Create(),
    MatchCommand.Create(),
    SimulateCommand.Create(),
    AuditCommand.Create(),
    DbCommand.Create(),
    RegistryCommand.Create(),
    ClusterCommand.Create(),
};
try
{
    // Our own handler below: a user never sees a stack trace.
    var parsed = root.Parse(args);
    var code = parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    // System.CommandLine reports bad arguments with exit code 1, which here means "some records were invalid";
    // the README documents 2 for bad arguments (nothing was evaluated).
    return parsed.Errors.Count > 0 ? ExitCodes.Failure : code;
}
#pragma warning disable CA1031 // the last line of defence must catch everything
catch (Exception ex)
#pragma warning restore CA1031
{
    CrashReport.Write(ex, Console.Error, Path.GetTempPath(), TimeProvider.System);
    return ExitCodes.Failure;
}
