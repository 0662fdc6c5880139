using System.Text.Json.Nodes;
using Tidu.Data.Auditing;

namespace Tidu.Application.Auditing;

/// <summary>
/// Records a security event (<see cref="SecurityEvents"/>) into the trail with the use case's own changes (it is saved
/// with them). The host says from where the actor came: the web its client address, a job or a test its own.
/// </summary>
public interface ISecurityEvents
{
    void Add(string kind, string subject, string outcome = SecurityEvents.Success, JsonObject? details = null, string? actor = null);
}
