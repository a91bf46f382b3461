namespace Trial.Enrollment.Identity;

/// <summary>
/// One person's data key, wrapped (AES-256-GCM) with the master key, which never enters the database. Deleting this
/// row erases the person: their sealed identifiers, in the database and in every backup, can no longer be opened.
/// </summary>
internal sealed class PersonKeyRecord
{
    public Guid ParticipantId { get; set; }
    public required byte[] WrappedKey { get; set; }
    /// <summary>Which master key wrapped it (<see cref="Hosting.Keys.MasterKey.Fingerprint"/>), so a wrong key is named.</summary>
    public required string MasterFingerprint { get; set; }
}
