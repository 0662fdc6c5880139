using Spectre.Console;
using Tidu.Rules.Screening;

namespace Tidu.Cli.Screening;

/// <summary>A progress bar with rate and time remaining on stderr — only when stderr is a terminal.</summary>
internal static class ScreenProgress
{
    public static ScreenSummary Run(Stream input, TextWriter stderr, Func<Action<long>, ScreenSummary> work)
    {
        if (Console.IsErrorRedirected || stderr != Console.Error || !input.CanSeek)
        {
            return work(_ => { });
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        ScreenSummary? summary = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                // Progress is measured in bytes read, which is known up front for a file; records are not.
                var task = ctx.AddTask("筛查中", maxValue: Math.Max(1, input.Length));
                summary = work(_ => task.Value = input.Position);
                task.Value = task.MaxValue;
            });
        return summary!;
    }
}
