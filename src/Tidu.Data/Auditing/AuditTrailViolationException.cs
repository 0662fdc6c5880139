namespace Tidu.Data.Auditing;

/// <summary>Something tried to change or delete an audit entry; the audit trail is append-only.</summary>
public sealed class AuditTrailViolationException(string message) : Exception(message);
