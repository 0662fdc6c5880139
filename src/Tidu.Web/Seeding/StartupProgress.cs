namespace Tidu.Web.Seeding;

/// <summary>
/// One Chinese line per phase of the first start on the console (migrations, regions, demo data …), so whoever runs
/// the platform sees that it is working and what it is doing; hosts without a console (tests) may drop them.
/// </summary>
public sealed class StartupProgress(TextWriter? output)
{
    public static StartupProgress Console { get; } = new(System.Console.Out);

    public static StartupProgress Silent { get; } = new(null);

    public void Report(string line) => output?.WriteLine("[梯度] " + line);
}
