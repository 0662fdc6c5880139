using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// A security key in software, written from the WebAuthn Level 2 specification (not from the library under test): an
/// ES256 key pair, "none" attestation (authenticator data with the attested credential and its COSE key, in CBOR), and
/// assertions signed over the authenticator data and the hash of the client data, as a browser hands them to the page
/// (the JSON the page's script posts).
/// </summary>
public sealed class SoftwareAuthenticator(string origin = "https://localhost", string rpId = "localhost") : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The signature counter; each assertion first increments it (set it back to replay a counter).</summary>
    public uint Counter { get; set; }

    /// <summary>The browser's answer to <c>navigator.credentials.create</c> with the page's options.</summary>
    public string Attest(string optionsJson, string? challenge = null)
    {
        var options = JsonNode.Parse(optionsJson)!;
        var clientData = ClientData("webauthn.create", challenge ?? options["challenge"]!.GetValue<string>());
        var p = _key.ExportParameters(false);
        var cose = new CborWriter(CborConformanceMode.Lax);
        cose.WriteStartMap(5);
        cose.WriteInt32(1); cose.WriteInt32(2);      // kty: EC2
        cose.WriteInt32(3); cose.WriteInt32(-7);     // alg: ES256
        cose.WriteInt32(-1); cose.WriteInt32(1);     // crv: P-256
        cose.WriteInt32(-2); cose.WriteByteString(p.Q.X!);
        cose.WriteInt32(-3); cose.WriteByteString(p.Q.Y!);
        cose.WriteEndMap();
        var length = new byte[] { (byte)(CredentialId.Length >> 8), (byte)CredentialId.Length };
        byte[] authData = [.. RpIdHash(), 0x41 /* UP | AT */, .. BigEndian(Counter), .. new byte[16] /* AAGUID */, .. length, .. CredentialId, .. cose.Encode()];
        var attestation = new CborWriter(CborConformanceMode.Lax);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt"); attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt"); attestation.WriteStartMap(0); attestation.WriteEndMap();
        attestation.WriteTextString("authData"); attestation.WriteByteString(authData);
        attestation.WriteEndMap();
        return new JsonObject
        {
            ["id"] = Base64UrlEncoder.Encode(CredentialId),
            ["rawId"] = Base64UrlEncoder.Encode(CredentialId),
            ["type"] = "public-key",
            ["clientExtensionResults"] = new JsonObject(),
            ["response"] = new JsonObject
            {
                ["attestationObject"] = Base64UrlEncoder.Encode(attestation.Encode()),
                ["clientDataJSON"] = Base64UrlEncoder.Encode(clientData),
                ["transports"] = new JsonArray("usb"),
            },
        }.ToJsonString();
    }

    /// <summary>The browser's answer to <c>navigator.credentials.get</c>: signed with this key, or with <paramref name="signer"/> (a forgery).</summary>
    public string Assert(string optionsJson, ECDsa? signer = null)
    {
        var options = JsonNode.Parse(optionsJson)!;
        var clientData = ClientData("webauthn.get", options["challenge"]!.GetValue<string>());
        Counter++;
        byte[] authData = [.. RpIdHash(), 0x01 /* UP */, .. BigEndian(Counter)];
        var signature = (signer ?? _key).SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new JsonObject
        {
            ["id"] = Base64UrlEncoder.Encode(CredentialId),
            ["rawId"] = Base64UrlEncoder.Encode(CredentialId),
            ["type"] = "public-key",
            ["clientExtensionResults"] = new JsonObject(),
            ["response"] = new JsonObject
            {
                ["authenticatorData"] = Base64UrlEncoder.Encode(authData),
                ["clientDataJSON"] = Base64UrlEncoder.Encode(clientData),
                ["signature"] = Base64UrlEncoder.Encode(signature),
                ["userHandle"] = null,
            },
        }.ToJsonString();
    }

    private byte[] ClientData(string type, string challenge) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = origin, ["crossOrigin"] = false }.ToJsonString());

    private byte[] RpIdHash() => SHA256.HashData(Encoding.UTF8.GetBytes(rpId));

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    public void Dispose() => _key.Dispose();
}
