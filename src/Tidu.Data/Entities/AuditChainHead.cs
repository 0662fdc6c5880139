namespace Tidu.Data.Entities;

/// <summary>
/// The one row that says where the audit hash chain ends (last sequence and its hash). Every save that appends
/// audit entries updates it in the same transaction before reading it, so the database serialises appends and
/// two writers can never both build on the same predecessor (a fork). It also lets verification notice entries
/// cut off the end of the chain.
/// </summary>
public sealed class AuditChainHead
{
    /// <summary>The single row's key.</summary>
    public const int SingletonId = 1;

    public int Id { get; set; }

    /// <summary>Sequence of the last chained entry; 0 before the first.</summary>
    public long Sequence { get; set; }

    /// <summary>Hash of the last chained entry; <see cref="Auditing.AuditChain.Genesis"/> before the first.</summary>
    public required string Hash { get; set; }
}
