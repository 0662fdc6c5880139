using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Cryptography;
using Tidu.Data.Entities.Security;
using Tidu.Data.Scoping;

namespace Tidu.Web.Security;

/// <summary>
/// The data-protection keys (sign-in cookies, anti-forgery tokens) in the platform's database: every node reads the
/// keys another created, so a user signed in through one node stays signed in through any other, and a restarted node
/// keeps its users' sessions. Keys are sealed with the field keys before they are written (<see cref="KeyXmlEncryptor"/>)
/// and their creation is audited as the system's. The data-protection system calls this rarely (at start, when a key is
/// created, and about once a day) and synchronously.
/// </summary>
public sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public const string Actor = "system:data-protection";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<TiduDbContext>();
        return [.. db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable().Select(x => XElement.Parse(x))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<TiduDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    private IServiceScope SystemScope()
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = RegionScope.Everything(Actor);
        return scope;
    }
}

/// <summary>Registers the keys' store and their encryption.</summary>
public static class DataProtectionSetup
{
    /// <summary>One name for every node, wherever it is installed: without it, nodes in different folders would not share keys.</summary>
    public const string ApplicationName = "tidu";

    public static void AddTiduDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<DatabaseKeyRepository>();
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseKeyRepository, FieldCipher>((o, repository, cipher) =>
        {
            o.XmlRepository = repository;
            o.XmlEncryptor = new KeyXmlEncryptor(cipher);
        });
    }
}
