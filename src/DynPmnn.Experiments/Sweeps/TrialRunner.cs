namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// Trains one trial and reports its metrics. It runs on a thread of its own, one trial per call, and should be
/// deterministic given the trial's configuration and seed (it decides its own threading). It may throw: the trial is
/// then recorded as failed with the exception's message and the sweep goes on. When
/// <paramref name="cancellationToken"/> is cancelled it may stop early by throwing
/// <see cref="OperationCanceledException"/>; the trial is then left unrecorded, to run again later.
/// </summary>
public delegate TrialOutcome TrialRunner(Trial trial, CancellationToken cancellationToken);
