namespace Tidu.Web;

/// <summary>
/// One page of a list on a page (50 rows by default, the page number from the query string "page"): every list of the
/// UI pages, so none grows with the data (a province's commissioners' list was 576 rows on one page).
/// Pages/Shared/_Pager draws the links, keeping the rest of the query string.
/// </summary>
public sealed record Paging(int Page, int PageSize, int Total, string Parameter = "page")
{
    public const int DefaultSize = 50;

    /// <summary>The page a request asks for in <paramref name="parameter"/> (a list of <paramref name="total"/> rows).</summary>
    public static Paging Of(HttpRequest request, int total, string parameter = "page", int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asked = int.TryParse(request.Query[parameter], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 1;
        return Of(asked, total, size) with { Parameter = parameter };
    }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The page asked for, clamped to the pages there are.</summary>
    public static Paging Of(int? page, int total, int size = DefaultSize)
    {
        var pages = Math.Max(1, (total + size - 1) / size);
        return new Paging(Math.Clamp(page ?? 1, 1, pages), size, total);
    }

    /// <summary>The rows of this page of an in-memory list.</summary>
    public IReadOnlyList<T> Of<T>(IEnumerable<T> rows) => [.. rows.Skip((Page - 1) * PageSize).Take(PageSize)];

    /// <summary>The rows of this page, taken by the database.</summary>
    public IQueryable<T> Of<T>(IQueryable<T> rows) => rows.Skip((Page - 1) * PageSize).Take(PageSize);
}
