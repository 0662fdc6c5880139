using Tidu.Rules;
using Tidu.Rules.Files;

namespace Tidu.Cli.Commands;

internal static class RuleLoading
{
    public static bool TryLoad(DirectoryInfo? dir, TextWriter stderr, out RuleLibrary library)
    {
        try
        {
            library = dir is null ? RuleLibrary.LoadDefault() : RuleLibrary.Load(dir.FullName);
            return true;
        }
        catch (RuleLoadException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            library = null!;
            return false;
        }
    }
}
