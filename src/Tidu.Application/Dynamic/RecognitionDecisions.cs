namespace Tidu.Application.Dynamic;

/// <summary>Decisions of a re-review (复核): the recognition is kept (保留) or revoked (撤销).</summary>
public static class RecognitionDecisions
{
    public const string Keep = "keep";
    public const string Revoke = "revoke";
}
