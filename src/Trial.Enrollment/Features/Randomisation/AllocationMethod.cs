namespace Trial.Enrollment.Features.Randomisation;

/// <summary>How an allocation was made: by this service on its own date, or on paper under the emergency procedure.</summary>
public enum AllocationMethod
{
    /// <summary>The next slot of the concealed sequence, on the service's calendar date.</summary>
    Service,
    /// <summary>Entered afterwards by the trial manager, with the paper's date, arm and a reason; takes no slot.</summary>
    Paper,
}
