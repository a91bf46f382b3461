namespace Trial.Followup.Outbox;

/// <summary>Attempt 0 of an occasion is the invitation; attempts 1..n are the reminders.</summary>
public enum MessageKind { Invitation, Reminder }
