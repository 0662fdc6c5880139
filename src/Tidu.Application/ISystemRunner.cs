namespace Tidu.Application;

/// <summary>
/// Runs work as the system (the whole database in scope, the given actor name in the audit trail) in a unit of work of
/// its own: the background jobs, and the escalation every read of requests runs first. The host supplies it (the web
/// app, a test host).
/// </summary>
public interface ISystemRunner
{
    Task<T> RunAsync<T>(string actor, Func<IServiceProvider, Task<T>> work, CancellationToken ct);
}
