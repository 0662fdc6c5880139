using Tidu.Cli.Output;

namespace Tidu.Cli.Batches;

/// <summary>Opens a command's input: a file, or standard input for "-".</summary>
internal static class InputFile
{
    public static bool TryOpen(FileInfo file, TextWriter stderr, out Stream input)
    {
        try
        {
            input = file.Name == "-" ? Console.OpenStandardInput() : file.OpenRead();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read {file.FullName}: {SystemErrors.Describe(ex)}");
            input = Stream.Null;
            return false;
        }
    }
}
