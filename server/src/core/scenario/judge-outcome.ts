/**
 * What a Then step claims, and whether the MAPI prompt model agrees. Outcomes
 * about prompts speak of the whole run (the prompt appeared at some point);
 * outcomes about status speak of the state at the end; the two "prevents the
 * prompt" outcomes re-run the model with the remediation's change applied.
 */
import {
  type ConditionName,
  type Conditions,
  type DerivedState,
  type EwsStatus,
  type GivenConditions,
  type MapiProcess,
  type MapiStatus,
  type ModelEvent,
  type NoDefaultCondition,
  type TraceStep,
  CONDITION_NAMES,
  MAPI_MESSAGE_CANCELLED,
  MAPI_MESSAGE_CONNECTING,
  describeCondition,
  runModel,
} from './model.js';

/** A claim a Then step makes about the run. */
export type Outcome =
  | { readonly fact: 'lyncPrompt' | 'outlookPrompt' | 'credentialPrompt' | 'ucmapiTrafficBeforeCredentials'; readonly value: boolean }
  | { readonly fact: 'mapiStatus'; readonly value: MapiStatus }
  | { readonly fact: 'mapiMessage'; readonly value: string }
  | { readonly fact: 'ewsStatus'; readonly value: EwsStatus }
  | { readonly fact: 'mapiProcess'; readonly value: MapiProcess }
  | {
      readonly fact: 'preventsPrompt';
      /** The conditions the remediation changes, e.g. `{ outlookAnywhereAuthentication: 'ntlm' }`. */
      readonly value: GivenConditions;
    };

/** The facts an outcome can be about. */
export type OutcomeFact = Outcome['fact'];

/**
 * The values each outcome fact takes: a list, `'text'` for free text, or
 * `'changes'` for a map of condition changes (a remediation).
 */
export const OUTCOME_VALUES: { readonly [F in OutcomeFact]: readonly (string | boolean)[] | 'text' | 'changes' } = {
  lyncPrompt: [true, false],
  outlookPrompt: [true, false],
  credentialPrompt: [true, false],
  ucmapiTrafficBeforeCredentials: [true, false],
  mapiStatus: ['MAPI Unavailable', 'MAPI Status OK'],
  mapiMessage: 'text',
  ewsStatus: ['EWS Status OK', 'unavailable'],
  mapiProcess: ['ucmapi.exe', 'ucmapi64.exe'],
  preventsPrompt: 'changes',
};

/** The model's answer about one outcome under one set of conditions. */
export interface Judgement {
  /** `true` or `false`, or `undefined` when the model has no opinion. */
  readonly holds: boolean | undefined;
  /** What the model derives instead, when it is something a Then step can say. */
  readonly derived: Outcome | undefined;
  /** One or two plain-English sentences: the verdict and why. */
  readonly explanation: string;
  /** The rules that fired in the scenario's run. */
  readonly trace: readonly TraceStep[];
  /** For "prevents the prompt": the rules that fired in the changed run. */
  readonly counterfactualTrace?: readonly TraceStep[];
}

/** A judgement, or the no-default condition the model needs first. */
export type JudgementOrNeeds = Judgement | { readonly needs: NoDefaultCondition };

/**
 * Judges `outcome` against the run of `events` from `given` (plus `assumed`
 * values for conditions the scenario leaves open). `run` is the model, or a
 * memoized wrapper of it when many outcomes share a scenario. Returns
 * `{ needs }` when the model, or the counterfactual run, needs a no-default
 * condition that neither argument sets; never throws.
 */
export function judgeOutcome(
  outcome: Outcome,
  given: GivenConditions,
  events: readonly ModelEvent[],
  assumed: GivenConditions = {},
  run: typeof runModel = runModel,
): JudgementOrNeeds {
  const scenarioRun = run(given, events, assumed);
  if (scenarioRun.kind === 'needs') return { needs: scenarioRun.condition };
  const { state, trace } = scenarioRun;
  if (outcome.fact === 'preventsPrompt') return judgePrevention(outcome.value, { state, trace, given, events, assumed, run });
  const derived = deriveLike(outcome, state);
  if (derived === undefined) {
    return {
      holds: undefined,
      derived: undefined,
      explanation: `The model has no opinion on this outcome: it knows no MAPI status message for "MAPI Status OK", which is the status here because ${state.reasons.status}.`,
      trace,
    };
  }
  if (derived === NO_STATUS) {
    return {
      holds: false,
      derived: undefined,
      explanation: `Lync never starts in this scenario, so it shows no MAPI or EWS status; add "When Lync starts" if Lync should run.`,
      trace,
    };
  }
  const holds = sameOutcome(outcome, derived);
  const reason = reasonFor(outcome.fact, state);
  return {
    holds,
    derived,
    explanation: holds
      ? `This holds: ${describeOutcome(derived)}, because ${reason}.`
      : `The model derives that ${describeOutcome(derived)} instead, because ${reason}.`,
    trace,
  };
}

/** A plain-English clause for an outcome, e.g. `the MAPI status is "MAPI Unavailable"`. */
function describeOutcome(outcome: Outcome): string {
  switch (outcome.fact) {
    case 'lyncPrompt':
      return `the "Lync MAPI COM Server" prompt ${outcome.value ? 'appears' : 'does not appear'}`;
    case 'outlookPrompt':
      return outcome.value ? 'Outlook prompts for credentials' : 'Outlook does not prompt for credentials';
    case 'credentialPrompt':
      return outcome.value ? 'a credential prompt appears' : 'no credential prompt appears';
    case 'ucmapiTrafficBeforeCredentials':
      return outcome.value
        ? 'ucmapi connects to Exchange at once, without waiting for credentials'
        : 'ucmapi sends no network traffic before credentials are provided';
    case 'mapiStatus':
      return `the MAPI status is "${outcome.value}"`;
    case 'mapiMessage':
      return `the MAPI status message is "${outcome.value}"`;
    case 'ewsStatus':
      return outcome.value === 'unavailable' ? 'EWS is not available' : `the EWS status is "${outcome.value}"`;
    case 'mapiProcess':
      return `the MAPI process is ${outcome.value}`;
    default:
      return `changing the setup so that ${describeChanges(outcome.value)} prevents the prompt`;
  }
}

/** Whether two outcomes say the same thing (message texts compare loosely). */
function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.fact !== b.fact) return false;
  if (a.fact === 'mapiMessage') return normalizeMessage(a.value) === normalizeMessage(String(b.value));
  if (a.fact === 'preventsPrompt' && b.fact === 'preventsPrompt') return sameChanges(a.value, b.value);
  return a.value === b.value;
}

/** Whether two sets of condition changes are the same. */
function sameChanges(a: GivenConditions, b: GivenConditions): boolean {
  return CONDITION_NAMES.every((name) => a[name] === b[name]);
}

/** Phrases a set of condition changes as the state they lead to, e.g. `Outlook Anywhere uses NTLM authentication`. */
function describeChanges(changes: GivenConditions): string {
  const parts = CONDITION_NAMES.filter((name) => changes[name] !== undefined).map((name) =>
    describeCondition(name, changes[name] as Conditions[typeof name]),
  );
  return parts.length === 0 ? 'nothing changes' : parts.join(' and ');
}

const NO_STATUS: unique symbol = Symbol('no status');

/** The model's value for the same fact as `outcome`; `undefined` when it has none to compare. */
function deriveLike(outcome: Exclude<Outcome, { fact: 'preventsPrompt' }>, state: DerivedState): Outcome | typeof NO_STATUS | undefined {
  switch (outcome.fact) {
    case 'lyncPrompt':
      return { fact: 'lyncPrompt', value: state.lyncPromptAppeared };
    case 'outlookPrompt':
      return { fact: 'outlookPrompt', value: state.outlookPrompted };
    case 'credentialPrompt':
      if (outcome.value === (state.prompters.length > 0)) return { fact: 'credentialPrompt', value: outcome.value };
      if (state.lyncPromptAppeared) return { fact: 'lyncPrompt', value: true };
      if (state.outlookPrompted) return { fact: 'outlookPrompt', value: true };
      return { fact: 'credentialPrompt', value: false };
    case 'ucmapiTrafficBeforeCredentials':
      return { fact: 'ucmapiTrafficBeforeCredentials', value: state.ucmapiTrafficBeforeCredentials };
    case 'mapiProcess':
      return { fact: 'mapiProcess', value: state.mapiProcess };
    case 'mapiStatus':
      return state.mapiStatus === undefined ? NO_STATUS : { fact: 'mapiStatus', value: state.mapiStatus };
    case 'ewsStatus':
      return state.ewsStatus === undefined ? NO_STATUS : { fact: 'ewsStatus', value: state.ewsStatus };
    default:
      if (state.mapiStatus === undefined) return NO_STATUS;
      if (state.mapiMessage !== undefined) return { fact: 'mapiMessage', value: state.mapiMessage };
      return KNOWN_MESSAGES.has(normalizeMessage(outcome.value)) ? { fact: 'mapiStatus', value: state.mapiStatus } : undefined;
  }
}

interface PreventionContext {
  readonly state: DerivedState;
  readonly trace: readonly TraceStep[];
  readonly given: GivenConditions;
  readonly events: readonly ModelEvent[];
  readonly assumed: GivenConditions;
  readonly run: typeof runModel;
}

function judgePrevention(changes: GivenConditions, context: PreventionContext): JudgementOrNeeds {
  const { state, trace, given, events, assumed, run } = context;
  const change = describeChanges(changes);
  if (state.prompters.length === 0) {
    return {
      holds: false,
      derived: { fact: 'credentialPrompt', value: false },
      explanation: `There is no prompt to prevent: no credential prompt appears in this scenario, because ${state.reasons.prompt}.`,
      trace,
    };
  }
  const changedGiven: GivenConditions = { ...given, ...changes };
  const changedAssumed = Object.fromEntries(
    Object.entries(assumed).filter(([name]) => changes[name as ConditionName] === undefined),
  ) as GivenConditions;
  const changed = run(changedGiven, events, changedAssumed);
  if (changed.kind === 'needs') return { needs: changed.condition };
  const prevented = changed.state.prompters.length === 0;
  return {
    holds: prevented,
    derived: undefined,
    explanation: prevented
      ? `This holds: if ${change}, ${changed.state.reasons.prompt}.`
      : `The prompt still appears if ${change}, because ${changed.state.reasons.prompt}.`,
    trace,
    counterfactualTrace: changed.trace,
  };
}

function reasonFor(fact: OutcomeFact, state: DerivedState): string {
  switch (fact) {
    case 'mapiStatus':
    case 'mapiMessage':
      return state.reasons.status;
    case 'ewsStatus':
      return state.reasons.ews;
    case 'mapiProcess':
      return state.reasons.process;
    default:
      return state.reasons.prompt;
  }
}

const KNOWN_MESSAGES = new Set([normalizeMessage(MAPI_MESSAGE_CONNECTING), normalizeMessage(MAPI_MESSAGE_CANCELLED)]);

/** Messages compare without case, extra spaces, or the trailing dots the dialog shows. */
function normalizeMessage(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/[\s.…]+$/u, '').toLowerCase();
}
