namespace Tidu.Application.Workflow;

/// <summary>
/// The original name of an upload made safe to keep and to offer back on download: no directories (either slash),
/// no control or reserved characters, no leading dots, at most 200 characters with the extension kept.
/// </summary>
public static class MaterialFileName
{
    private const int MaxLength = 200;
    private static readonly char[] Reserved = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    public static string Sanitise(string? original)
    {
        var name = (original ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c) && !Reserved.Contains(c))]).Trim().TrimStart('.').Trim();
        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length > 10 ? "" : extension;
            name = name[..(MaxLength - extension.Length)] + extension;
        }
        return name.Length == 0 || Path.GetFileNameWithoutExtension(name).Length == 0 ? "material" + Path.GetExtension(name) : name;
    }
}
