namespace Tidu.Web.Importing;

/// <summary>
/// Told when a node is about to save a checked import (the job holds this node's lease and nothing of it is saved yet):
/// for monitoring, and for tests that stop a node at a known point of a job, so that another node must take it over.
/// </summary>
public interface IImportStepObserver
{
    Task SavingAsync(Guid job, CancellationToken ct);
}
