using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Tidu.Rules.Files;

/// <summary>Records the line where each rule-file object starts, so that semantic errors can name it.</summary>
internal sealed class LineTrackingNodeDeserializer(INodeDeserializer inner) : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        var line = reader.Current?.Start.Line ?? 0;
        if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
        {
            return false;
        }
        if (value is IHasLine withLine)
        {
            withLine.Line = (int)line;
        }
        return true;
    }
}
