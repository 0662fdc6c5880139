using Tidu.Data.Cryptography;

namespace Tidu.Web.Security;

/// <summary>The platform's key ring, read once at start; a start without the keys it needs stops here with the reason.</summary>
public static class Keys
{
    public static KeyRing Load(IConfiguration configuration, string contentRoot)
    {
        var ring = KeyRing.FromConfiguration(configuration, contentRoot);
        foreach (var purpose in new[] { KeyRing.Fields })
        {
            if (!ring.Has(purpose))
            {
                throw new InvalidOperationException(
                    $"no '{purpose}' key is configured: put a key file {purpose}.ID.key in Crypto:KeyDirectory (tidu keys new --purpose {purpose} --out DIR) "
                    + $"or set the environment variable Crypto__Keys__{purpose}__ID; keys are kept outside the database (docs/compliance.md)");
            }
        }
        return ring;
    }
}
