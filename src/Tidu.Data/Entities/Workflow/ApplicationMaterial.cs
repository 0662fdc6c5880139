namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// A file attached to an application (申报材料). The bytes live in the material store under <see cref="StoredName"/>
/// (random, outside the web root); <see cref="FileName"/> is the sanitised original name, used only for download.
/// </summary>
public sealed class ApplicationMaterial
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public Application Application { get; set; } = null!;
    public long EnterpriseId { get; set; }

    public required string FileName { get; set; }
    public required string StoredName { get; set; }

    /// <summary>pdf, jpeg, png, xlsx or docx: what the content is (by its magic bytes), not what the name says.</summary>
    public required string Kind { get; set; }

    public required string ContentType { get; set; }
    public long Length { get; set; }

    /// <summary>SHA-256 of the content, lowercase hex.</summary>
    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
