using System.Reflection;
using Shouldly;
using Tidu.Data;
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

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void No_page_model_or_view_depends_on_the_database_context()
    {
        var offenders = PageTypes().SelectMany(t => Dependencies(t).Where(Mentions).Select(d => $"{t.FullName}: {d}")).Distinct().ToList();
        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void The_check_finds_a_context_wherever_a_type_keeps_it()
    {
        // The check itself must be able to fail: a type with the context in each place it looks is caught everywhere.
        var found = Dependencies(typeof(Holder)).Where(Mentions).ToList();
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

    /// <summary>Every type a type keeps or takes, named by where it appears.</summary>
    private static IEnumerable<(string Where, Type Type)> Kept(Type t)
    {
        foreach (var c in t.GetConstructors(Everything))
        {
            foreach (var p in c.GetParameters())
            {
                yield return ($"constructor {p.Name}", p.ParameterType);
            }
        }
        foreach (var f in t.GetFields(Everything))
        {
            yield return ($"field {f.Name}", f.FieldType);
        }
        foreach (var p in t.GetProperties(Everything))
        {
            yield return ($"property {p.Name}", p.PropertyType);
        }
        foreach (var m in t.GetMethods(Everything))
        {
            foreach (var p in m.GetParameters())
            {
                yield return ($"parameter {m.Name}.{p.Name}", p.ParameterType);
            }
            yield return ($"return {m.Name}", m.ReturnType);
            foreach (var l in m.GetMethodBody()?.LocalVariables ?? [])
            {
                yield return ($"local {m.Name}#{l.LocalIndex}", l.LocalType);
            }
        }
    }

    private static IEnumerable<string> Dependencies(Type t) =>
        // Nested types include the compiler's closures and async state machines, where captured locals live.
        new[] { t }.Concat(t.GetNestedTypes(Everything)).SelectMany(Kept).Where(k => Mentions(k.Type)).Select(k => $"{k.Where} ({k.Type.Name})");

    private static bool Mentions(string dependency) => dependency.Length > 0;

    private static bool Mentions(Type type) =>
        typeof(TiduDbContext).IsAssignableFrom(type)
        || (type.HasElementType && Mentions(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(Mentions));

    // Keeps the context in every place the check looks.
    private sealed class Holder(TiduDbContext db)
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
