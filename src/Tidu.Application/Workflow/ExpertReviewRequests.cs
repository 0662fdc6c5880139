namespace Tidu.Application.Workflow;

/// <summary>Body of PUT /api/v1/rounds/{id}/expert-review; what is left out takes the configured default.</summary>
public sealed record ExpertReviewSettingsRequest(int? ExpertsPerApplication, decimal? PassMark, IReadOnlyList<ScoreSheetItem>? ScoreSheet);

/// <summary>Body of POST /api/v1/applications/{id}/experts: the user name of an expert to assign.</summary>
public sealed record AssignExpertRequest(string Expert);

/// <summary>Body of POST /api/v1/applications/{id}/expert-review/declaration: the expert's conflict-of-interest declaration.</summary>
public sealed record ConflictDeclarationRequest(bool HasConflict, string? Statement);

/// <summary>Body of POST /api/v1/applications/{id}/expert-review/scores: points per sheet item and a comment.</summary>
public sealed record ExpertScoreRequest(IReadOnlyDictionary<string, decimal>? Scores, string? Comment);
