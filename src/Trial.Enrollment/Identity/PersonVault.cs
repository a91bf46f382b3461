using System.Security.Cryptography;
using System.Text;
using Trial.Enrollment.Hosting.Keys;

namespace Trial.Enrollment.Identity;

/// <summary>
/// Field-level encryption of the identity store. Each person has a random 256-bit data key, wrapped with the master
/// key (outside the database); each identifier is sealed with AES-256-GCM under that key, bound to the person and the
/// column (a value copied to another row or column does not open). The fødselsnummer also gets an HMAC-SHA256 with a
/// key derived from the master key, so a duplicate is found by equality without opening anything.
/// </summary>
internal sealed class PersonVault(MasterKey master)
{
    private const string Prefix = "v1:";
    private readonly byte[] _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master.Bytes, 32, info: "trial/national-id-hash"u8.ToArray());

    public string Hash(string nationalId) => Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(nationalId)));

    /// <summary>A new person's key row and their sealed record.</summary>
    public (PersonRecord Person, PersonKeyRecord Key) Seal(PersonIdentity identity)
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var key = new PersonKeyRecord
        {
            ParticipantId = identity.ParticipantId,
            WrappedKey = AesGcmSeal.Seal(master.Bytes, dataKey, Bound(identity.ParticipantId, "person-key")),
            MasterFingerprint = master.Fingerprint,
        };
        var id = identity.ParticipantId;
        var person = new PersonRecord
        {
            ParticipantId = id,
            NationalId = SealText(dataKey, id, "national_id", identity.NationalId),
            NationalIdHash = Hash(identity.NationalId),
            Name = SealText(dataKey, id, "name", identity.Name),
            Phone = identity.Phone is null ? null : SealText(dataKey, id, "phone", identity.Phone),
            Email = identity.Email is null ? null : SealText(dataKey, id, "email", identity.Email),
            Language = identity.Language,
        };
        return (person, key);
    }

    /// <summary>Null when the person was erased (no key): their identifiers are gone.</summary>
    public PersonIdentity? Open(PersonRecord person, PersonKeyRecord? key)
    {
        if (key is null)
        {
            return null;
        }
        var id = person.ParticipantId;
        var dataKey = DataKey(key);
        return new PersonIdentity(id, OpenText(dataKey, id, "national_id", person.NationalId), OpenText(dataKey, id, "name", person.Name),
            person.Phone is null ? null : OpenText(dataKey, id, "phone", person.Phone),
            person.Email is null ? null : OpenText(dataKey, id, "email", person.Email), person.Language);
    }

    /// <summary>
    /// A note's text sealed with the person's key, bound to the note's id: notes hold what people write (names,
    /// numbers), so they are protected, and erased, exactly as the identifiers are.
    /// </summary>
    public string SealNote(PersonKeyRecord key, Guid noteId, string text) => SealText(DataKey(key), key.ParticipantId, NoteColumn(noteId), text);

    /// <summary>Null when the person was erased (no key).</summary>
    public string? OpenNote(NoteRecord note, PersonKeyRecord? key) =>
        key is null ? null : OpenText(DataKey(key), note.ParticipantId, NoteColumn(note.Id), note.Text);

    private static string NoteColumn(Guid noteId) => $"note/{noteId:N}";

    private byte[] DataKey(PersonKeyRecord key)
    {
        if (key.MasterFingerprint != master.Fingerprint)
        {
            throw new InvalidOperationException(
                $"The identity store's keys were wrapped with master key {key.MasterFingerprint}, but this service has {master.Fingerprint}; start it with the right Trial:MasterKey.");
        }
        return AesGcmSeal.Open(master.Bytes, key.WrappedKey, Bound(key.ParticipantId, "person-key"));
    }

    /// <summary>The same data key, wrapped with this vault's master key instead of <paramref name="previous"/>'s.</summary>
    public byte[] Rewrap(PersonKeyRecord key, PersonVault previous) =>
        AesGcmSeal.Seal(master.Bytes, AesGcmSeal.Open(previous.MasterBytes, key.WrappedKey, Bound(key.ParticipantId, "person-key")), Bound(key.ParticipantId, "person-key"));

    private byte[] MasterBytes => master.Bytes;

    /// <summary>Whether a stored value is still plain text from before field encryption (sealed once at start).</summary>
    public static bool IsSealed(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    private static string SealText(byte[] key, Guid id, string column, string value) =>
        Prefix + Convert.ToBase64String(AesGcmSeal.Seal(key, Encoding.UTF8.GetBytes(value), Bound(id, column)));

    private static string OpenText(byte[] key, Guid id, string column, string value) =>
        Encoding.UTF8.GetString(AesGcmSeal.Open(key, Convert.FromBase64String(value[Prefix.Length..]), Bound(id, column)));

    private static byte[] Bound(Guid participant, string column) => Encoding.UTF8.GetBytes($"identity/{participant:N}/{column}");
}
