namespace Tidu.Application.Workflow;

/// <summary>
/// Application materials (appsettings "Workflow:Materials"): where files are kept (relative to the content root, never
/// under wwwroot), the largest file accepted, and which kinds (pdf, jpeg, png, xlsx, docx) are accepted.
/// </summary>
public sealed class MaterialOptions
{
    public string StoragePath { get; set; } = "";
    public long MaxBytes { get; set; }
    public List<string> AllowedKinds { get; set; } = [];
}
