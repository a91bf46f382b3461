using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Trial.Enrollment.Hosting.Keys;

/// <summary>Encrypts each data-protection key's XML with the master key before it is stored in the database.</summary>
internal sealed class MasterKeyXmlEncryptor(MasterKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var sealedXml = AesGcmSeal.Seal(key.Bytes, Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)), MasterKeyXmlDecryptor.Purpose);
        var element = new XElement("encryptedKey",
            new XAttribute("masterKey", key.Fingerprint),
            new XComment(" AES-256-GCM with the service's master key (Trial:MasterKey), which is not in the database "),
            new XElement("value", Convert.ToBase64String(sealedXml)));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Created by the data-protection system by type (hence the IServiceProvider constructor).</summary>
internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    internal static readonly byte[] Purpose = "trial:data-protection-key"u8.ToArray();

    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<MasterKey>();
        var fingerprint = (string?)encryptedElement.Attribute("masterKey");
        if (fingerprint != key.Fingerprint)
        {
            throw new CryptographicException(
                $"This data-protection key was encrypted with master key {fingerprint}, but this node has {key.Fingerprint}; every node needs the same Trial:MasterKey.");
        }
        var sealedXml = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        return XElement.Parse(Encoding.UTF8.GetString(AesGcmSeal.Open(key.Bytes, sealedXml, Purpose)));
    }
}
