namespace Tidu.Data.Scoping;

/// <summary>A save touched a recognition without a basis (a round's decision, a re-review, an official list); nothing was saved.</summary>
public sealed class RecognitionBasisMissingException(string message) : Exception(message);
