using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tidu.Web.Pages;

public sealed class ErrorModel : PageModel
{
    public string TraceId => HttpContext.TraceIdentifier;
}
