namespace Trial.Followup.Channels;

/// <summary>How a message reaches a participant. Stored as 'email' / 'sms'.</summary>
public enum MessageChannel { Email, Sms }
