/**
 * Tracing for the run kernel, with no tracing library in core: the kernel asks for the starting turn's trace context
 * when a run starts (an opaque W3C `traceparent`, stored with the run), and wraps each spell of work on a run and each
 * step in a span that links to it, so a run taken over by another instance still points at the turn that began it.
 */
export interface RunTracing {
  /** The current turn's trace context as a `traceparent`, to keep with a run it starts; undefined when not tracing. */
  currentTraceparent(): string | undefined;
  /** `work` in a span for the run (its kind, never its title), linked to the turn that started it. */
  inRunSpan<T>(run: RunSpanSubject, work: () => Promise<T>): Promise<T>;
  /** `work` in a span for one step (its kind and index), under the current run span. */
  inStepSpan<T>(step: { readonly kind: string; readonly index: number }, work: () => Promise<T>): Promise<T>;
  /** A run reached an end: counted by outcome (`done`, `failed`, `cancelled`…). */
  runEnded(outcome: string): void;
  /**
   * A step began to wait: for a person (an approval, the console admin) or for Intune (a wait kind that looks at the
   * tenant: Multi Admin Approval, a rollout ring's soak, the console's sync). `kind` is the step state or wait kind.
   */
  waitBegan(waitingFor: 'person' | 'intune', kind: string): void;
}

export interface RunSpanSubject {
  readonly id: string;
  readonly kind: string;
  /** The `traceparent` stored when the run started, if any. */
  readonly startedBy?: string;
}

/** No tracing (the default, and core's tests). */
export const noRunTracing: RunTracing = {
  currentTraceparent: () => undefined,
  inRunSpan: (_run, work) => work(),
  inStepSpan: (_step, work) => work(),
  runEnded: () => undefined,
  waitBegan: () => undefined,
};
