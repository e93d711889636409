namespace CampusCompanion.Core.State;

/// <summary>A shared store (Redis) could not be reached. The edges turn this into "try again" (503 with
/// Retry-After, or an empty poll), never into a silent fallback or a lost message.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
