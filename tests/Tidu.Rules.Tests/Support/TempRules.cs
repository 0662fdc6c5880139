using Shouldly;

namespace Tidu.Rules.Tests.Support;

/// <summary>A copy of the shipped rule folder in a temporary directory, to correct a value the way a maintainer would.</summary>
public sealed class TempRules : IDisposable
{
    public TempRules()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("tidu-rules-").FullName;
        foreach (var file in System.IO.Directory.EnumerateFiles(RuleLibrary.DefaultDirectory, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(RuleLibrary.DefaultDirectory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Directory { get; }

    /// <summary>Replaces a text that occurs exactly once in the file (so the test edits the line it means to).</summary>
    public void Patch(string relativePath, string from, string to)
    {
        var path = Path.Combine(Directory, relativePath);
        var text = File.ReadAllText(path);
        (text.Split(from).Length - 1).ShouldBe(1, $"'{from}' must occur exactly once in {relativePath}");
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
