using System.Reflection;
using Tidu.Data;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// Where a type keeps or takes the database context: a constructor's parameter, a field, a property, a method's
/// parameter or return type, or a local (in the type or its nested types, where the compiler keeps closures and async
/// state machines). The architecture tests ask it of the web's adapters.
/// </summary>
public static class TypeDependencies
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Each place <paramref name="t"/> (or a type nested in it) mentions the context, named by where it appears.</summary>
    public static IEnumerable<string> OnContext(Type t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new[] { t }.Concat(t.GetNestedTypes(Everything)).SelectMany(Kept).Where(k => Mentions(k.Type)).Select(k => $"{k.Where} ({k.Type.Name})");
    }

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

    private static bool Mentions(Type type) =>
        typeof(TiduDbContext).IsAssignableFrom(type)
        || (type.HasElementType && Mentions(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(Mentions));
}
