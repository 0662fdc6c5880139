using System.Buffers.Text;
using System.Text;
using Tidu.Data.Entities;

namespace Tidu.Application.Screening;

/// <summary>
/// A keyset cursor: where a page of a screening list ended, as the values of the list's order (name then credit code,
/// or the credit code alone). The next page starts after that row by an indexed range, so page 2,000 costs what page 1
/// costs and rows written meanwhile neither repeat nor vanish across the boundary. Opaque to clients (base64url).
/// Only the orders an index serves have cursors (name, credit code, either direction); the others page by number.
/// </summary>
public sealed record ListCursor(string Sort, string Name, string CreditCode)
{
    /// <summary>A cursor that is not base64url, names another order, or holds no credit code.</summary>
    public sealed class MalformedException() : Exception("the list cursor is malformed or belongs to another order");

    private const char Separator = '\u001f';

    /// <summary>The cursor after <paramref name="row"/>, or null when the order pages by number.</summary>
    public static string? Of(EnterpriseRow row, string? sort)
    {
        ArgumentNullException.ThrowIfNull(row);
        var key = Key(sort);
        return key is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{key}{Separator}{row.Name}{Separator}{row.CreditCode}"));
    }

    /// <summary>The cursor, or null when it is malformed or was made for another order.</summary>
    public static ListCursor? Parse(string text, string? sort)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Key(sort) is not { } key || text.Length > 1_000 || !Base64Url.IsValid(text))
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var parts = decoded.Split(Separator);
        return parts.Length == 3 && parts[0] == key && parts[2].Length > 0 ? new ListCursor(key, parts[1], parts[2]) : null;
    }

    /// <summary>The rows after this cursor in <paramref name="ordered"/> (already in the cursor's order).</summary>
    public IQueryable<Enterprise> After(IQueryable<Enterprise> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var (name, code) = (Name, CreditCode);
        // The first condition is a range the index can seek to; the second settles the rows that share the name.
        return Sort switch
        {
            "name" => ordered.Where(e => e.Name.CompareTo(name) >= 0 && (e.Name.CompareTo(name) > 0 || e.CreditCode.CompareTo(code) > 0)),
            "-name" => ordered.Where(e => e.Name.CompareTo(name) <= 0 && (e.Name.CompareTo(name) < 0 || e.CreditCode.CompareTo(code) < 0)),
            "creditCode" => ordered.Where(e => e.CreditCode.CompareTo(code) > 0),
            _ => ordered.Where(e => e.CreditCode.CompareTo(code) < 0),
        };
    }

    private static string? Key(string? sort) => (sort ?? "name") switch
    {
        "name" or "" => "name",
        "-name" => "-name",
        "creditCode" => "creditCode",
        "-creditCode" => "-creditCode",
        _ => null,
    };
}
