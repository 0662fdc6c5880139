namespace Tidu.Web.Importing;

public static class ImportLimits
{
    /// <summary>Largest upload accepted (a 100k-row CSV is about 15 MB).</summary>
    public const long MaxUploadBytes = 64L * 1024 * 1024;
}
