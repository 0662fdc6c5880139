namespace Tidu.Rules.Tests.Policies;

/// <summary>A copy of the shipped rules folder in a temporary directory, to add or break files in tests.</summary>
public sealed class TempRules : IDisposable
{
    public TempRules()
    {
        Directory = Path.Combine(Path.GetTempPath(), "tidu-rules-" + Guid.NewGuid().ToString("N"));
        Copy(RuleLibrary.DefaultDirectory, Directory);
    }

    public string Directory { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
