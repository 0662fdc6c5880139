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

    /// <summary>
    /// Every tier, size-class and conditions file under the folder (<c>*.yaml</c>), in ordinal path order, with its
    /// name relative to the folder ('/' separated). The support policies under <c>policies/</c> are a different
    /// kind of file and load separately (<see cref="Policies.PolicyCatalog"/>), as do the service rules under
    /// <c>service/</c> (<see cref="Service.ServiceRules"/>) and the holiday arrangements under <c>calendar/</c>
    /// (<see cref="Calendar.WorkingDayCalendar"/>).
    /// </summary>
    public static IReadOnlyList<(string Path, string Name)> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (path, Path.GetRelativePath(directory, path).Replace('\\', '/')))
            .Where(f => !f.Item2.StartsWith(Policies.PolicyCatalog.Folder + "/", StringComparison.Ordinal)
                && !f.Item2.StartsWith(Service.ServiceRules.Folder + "/", StringComparison.Ordinal)
                && !f.Item2.StartsWith(Calendar.WorkingDayCalendar.Folder + "/", StringComparison.Ordinal))
            .ToList();

    public static RuleFileDto? Read(string path, string displayName, List<RuleLoadError> errors) =>
        Read<RuleFileDto>(path, displayName, errors);

    /// <summary>The same strict reading for the other YAML files of the rules folder (policies, reforms).</summary>
    public static T? Read<T>(string path, string displayName, List<RuleLoadError> errors) where T : class
    {
        try
        {
            using var reader = new StreamReader(path);
            var dto = Deserializer.Deserialize<T>(reader);
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
