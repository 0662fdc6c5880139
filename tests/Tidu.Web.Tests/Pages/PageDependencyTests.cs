using Shouldly;
using Tidu.Data;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Pages;

/// <summary>
/// The pages are adapters over the application layer: no page model and no view may reach the database context itself
/// (through a constructor, a field, a property, a handler's parameter, a local, or an <c>@inject</c>), so what a page
/// asks is answered by the same use case an endpoint calls.
/// </summary>
public sealed class PageDependencyTests
{
    private const string PagesNamespace = "Tidu.Web.Pages";

    // Razor compiles each .cshtml into a class (its @inject members are properties): in the page's namespace when
    // _ViewImports sets one, as here, otherwise in this one.
    private const string ViewsNamespace = "AspNetCoreGeneratedDocument";

    [Fact]
    public void No_page_model_or_view_depends_on_the_database_context()
    {
        var offenders = PageTypes().SelectMany(t => TypeDependencies.OnContext(t).Select(d => $"{t.FullName}: {d}")).Distinct().ToList();
        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void The_check_finds_a_context_wherever_a_type_keeps_it()
    {
        // The check itself must be able to fail: a type with the context in each place it looks is caught everywhere.
        var found = TypeDependencies.OnContext(typeof(Holder)).ToList();
        found.ShouldContain(d => d.StartsWith("constructor ", StringComparison.Ordinal));
        found.ShouldContain(d => d.StartsWith("field ", StringComparison.Ordinal));
        found.ShouldContain(d => d.StartsWith("property ", StringComparison.Ordinal));
        found.ShouldContain(d => d.StartsWith("parameter ", StringComparison.Ordinal));
        found.ShouldContain(d => d.StartsWith("local ", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_page_model_is_looked_at()
    {
        // Guards the namespace filter: were it wrong, the first test would pass on nothing.
        var names = PageTypes().Select(t => t.FullName).ToList();
        names.ShouldContain(typeof(Web.Pages.Enterprises.DetailModel).FullName);
        names.ShouldContain(typeof(Web.Pages.Admin.UsersModel).FullName);
        names.ShouldContain(n => n!.EndsWith(".Pages_Enterprises_Detail", StringComparison.Ordinal)); // the compiled view
    }

    private static IEnumerable<Type> PageTypes() =>
        typeof(Web.Pages.IndexModel).Assembly.GetTypes().Where(t => t.Namespace is { } ns
            && (ns == PagesNamespace || ns.StartsWith(PagesNamespace + ".", StringComparison.Ordinal) || ns == ViewsNamespace));

    // Keeps the context in every place the check looks.
    internal sealed class Holder(TiduDbContext db)
    {
        private readonly TiduDbContext _field = db;

        public TiduDbContext Property => _field;

        public static int Handler(TiduDbContext parameter) => parameter.GetHashCode();

        public int Local()
        {
            var local = Property;
            return local.GetHashCode();
        }
    }
}
