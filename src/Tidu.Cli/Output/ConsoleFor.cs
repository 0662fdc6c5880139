using Spectre.Console;

namespace Tidu.Cli.Output;

/// <summary>A Spectre console on a writer: colours on a terminal; plain and wide enough for CJK tables when redirected.</summary>
internal static class ConsoleFor
{
    public static IAnsiConsole Create(TextWriter writer, int redirectedWidth)
    {
        var redirected = Console.IsOutputRedirected || writer != Console.Out;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            // Redirected output has no terminal width; give the wide (CJK) table room instead of wrapping it mid-glyph.
            console.Profile.Width = redirectedWidth;
        }
        return console;
    }
}
