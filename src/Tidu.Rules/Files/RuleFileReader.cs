using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace Tidu.Rules.Files;

/// <summary>Parses one YAML rule file strictly: unknown keys, wrong types and bad YAML are errors with a line.</summary>
internal static class RuleFileReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithNodeDeserializer(inner => new LineTrackingNodeDeserializer(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
        .WithDuplicateKeyChecking()
        .Build();

    /// <summary>Every <c>*.yaml</c> under the folder, in ordinal path order, with its name relative to the folder ('/' separated).</summary>
    public static IReadOnlyList<(string Path, string Name)> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (path, Path.GetRelativePath(directory, path).Replace('\\', '/')))
            .ToList();

    public static RuleFileDto? Read(string path, string displayName, List<RuleLoadError> errors)
    {
        try
        {
            using var reader = new StreamReader(path);
            var dto = Deserializer.Deserialize<RuleFileDto>(reader);
            if (dto is null)
            {
                errors.Add(new RuleLoadError(displayName, 1, "the file is empty"));
            }
            return dto;
        }
        catch (YamlException ex)
        {
            errors.Add(new RuleLoadError(displayName, (int)ex.Start.Line, Describe(ex)));
            return null;
        }
    }

    /// <summary>YamlDotNet wraps the real cause ("Property 'x' not found on type …") in inner exceptions.</summary>
    private static string Describe(YamlException ex)
    {
        Exception e = ex;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        var message = e.Message;
        const string notFound = "not found on type";
        if (message.Contains(notFound, StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            var key = end > start ? message[(start + 1)..end] : "?";
            return $"unknown key '{key}'";
        }
        return message.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
    }
}
