/**
 * The MAPI prompt model: when does Lync 2010 show the "Lync MAPI COM Server"
 * credential prompt, and what does the user see around it?
 *
 * In plain English (every rule comes from the seed article on the prompt):
 * - Lync 2010 talks to Exchange two ways. Exchange Web Services (EWS) exist
 *   only on Exchange 2007 and 2010. MAPI goes through the Outlook MAPI stack,
 *   run for Lync by `ucmapi.exe` (32-bit Lync) or `ucmapi64.exe` (64-bit).
 *   The prompt comes from MAPI, never from EWS: "EWS Status OK" and the prompt
 *   happen together.
 * - An internal user reaches Exchange with MAPI over RPC directly and is never
 *   asked for credentials, whatever the Outlook Anywhere authentication.
 *   Remote users, and internal users when Outlook Anywhere is forced for
 *   internal connections, go through Outlook Anywhere (RPC over HTTP).
 * - Over Outlook Anywhere, Basic authentication needs the user's credentials;
 *   NTLM on a domain-joined computer signs in with the cached Windows logon;
 *   NTLM on a computer that is not domain-joined still needs credentials.
 *   Credentials cached in Windows Credential Manager are used without asking.
 * - The first MAPI-aware application that starts and connects is the one that
 *   asks. Once the MAPI connection is up, nobody asks again.
 * - While Lync's prompt waits, the MAPI status is "MAPI Unavailable" with the
 *   "in the process of connecting" message and ucmapi sends no network
 *   traffic. Cancelling leaves "MAPI Unavailable" with the "separate sign in"
 *   message; valid credentials bring "MAPI Status OK".
 *
 * Events run in order. A prompt still open when the next application starts
 * counts as answered with valid credentials (the seed's "Outlook first" case).
 * Starting an application that already runs changes nothing.
 *
 * The model is total: it never throws. When it needs the user's location or
 * the Outlook Anywhere authentication (the two conditions without a default)
 * and the caller has not given them, it stops and says which one it needs, so
 * callers enumerate only the values that matter.
 */

/** The Lync client; the model knows only Lync 2010. */
export type Client = 'lync-2010';
/** Whether Lync runs as a 32-bit or a 64-bit process. */
export type Bitness = '32-bit' | '64-bit';
/** The Exchange Server version holding the user's mailbox. */
export type ExchangeVersion = '2003' | '2007' | '2010';
/** Where the user connects from. */
export type UserLocation = 'internal' | 'remote';
/** The authentication method Exchange autodiscover hands out for Outlook Anywhere. */
export type OutlookAnywhereAuth = 'basic' | 'ntlm';
/** Outlook's state before the scenario's events. */
export type OutlookState = 'closed' | 'connected';

/** Every condition the model reads, with a value. */
export interface Conditions {
  readonly client: Client;
  readonly bitness: Bitness;
  readonly exchangeVersion: ExchangeVersion;
  readonly location: UserLocation;
  readonly outlookAnywhereForcedInternally: boolean;
  readonly outlookAnywhereAuthentication: OutlookAnywhereAuth;
  readonly domainJoined: boolean;
  readonly credentialsCached: boolean;
  readonly outlookState: OutlookState;
  readonly lyncAutostart: boolean;
}

/** The name of one condition. */
export type ConditionName = keyof Conditions;
/** Any condition's value. */
export type ConditionValue = Conditions[ConditionName];
/** The conditions a scenario states; the rest take defaults or are enumerated. */
export type GivenConditions = Partial<Conditions>;
/** The conditions the seed gives no default for: a scenario must state them or accept every value. */
export type NoDefaultCondition = 'location' | 'outlookAnywhereAuthentication';
/** The conditions with a default. */
export type DefaultedCondition = Exclude<ConditionName, NoDefaultCondition>;

/** The values each condition can take, in the order tables and fixes list them. */
export const CONDITION_VALUES: { readonly [K in ConditionName]: readonly Conditions[K][] } = {
  client: ['lync-2010'],
  bitness: ['32-bit', '64-bit'],
  exchangeVersion: ['2003', '2007', '2010'],
  location: ['internal', 'remote'],
  outlookAnywhereForcedInternally: [false, true],
  outlookAnywhereAuthentication: ['basic', 'ntlm'],
  domainJoined: [true, false],
  credentialsCached: [false, true],
  outlookState: ['closed', 'connected'],
  lyncAutostart: [false, true],
};

/** The value a condition takes when a scenario does not state it (the seed's typical setup). */
export const CONDITION_DEFAULTS: { readonly [K in DefaultedCondition]: Conditions[K] } = {
  client: 'lync-2010',
  bitness: '32-bit',
  exchangeVersion: '2010',
  outlookAnywhereForcedInternally: false,
  domainJoined: true,
  credentialsCached: false,
  outlookState: 'closed',
  lyncAutostart: false,
};

/** The conditions without a default, in enumeration order. */
export const NO_DEFAULT_CONDITIONS: readonly NoDefaultCondition[] = ['location', 'outlookAnywhereAuthentication'];

/** The names of all conditions, in the order hovers and tables list them. */
export const CONDITION_NAMES: readonly ConditionName[] = Object.keys(CONDITION_VALUES) as ConditionName[];

/** Something that happens during a scenario, in order. */
export type ModelEvent = 'lync-starts' | 'outlook-starts' | 'user-cancels' | 'user-enters-credentials';

/** Every event the model knows. */
export const MODEL_EVENTS: readonly ModelEvent[] = ['lync-starts', 'outlook-starts', 'user-cancels', 'user-enters-credentials'];

/** An application that can open the MAPI connection (and so ask for credentials). */
export type Application = 'lync' | 'outlook';

/** The MAPI status Lync's Configuration Information shows. */
export type MapiStatus = 'MAPI Unavailable' | 'MAPI Status OK';
/** The EWS status: available on Exchange 2007 and 2010, absent on Exchange 2003. */
export type EwsStatus = 'EWS Status OK' | 'unavailable';
/** The process that runs the MAPI stack for Lync. */
export type MapiProcess = 'ucmapi.exe' | 'ucmapi64.exe';

/** The MAPI status message while Lync's prompt waits for credentials. */
export const MAPI_MESSAGE_CONNECTING =
  'Lync is in the process of connecting to the Exchange server. This process may take a few minutes';
/** The MAPI status message after the user cancels Lync's prompt. */
export const MAPI_MESSAGE_CANCELLED =
  'A separate sign in was required to connect to Outlook, but the sign-in dialog box was canceled or closed';

/** What the model derives from a scenario. */
export interface DerivedState {
  /** Whether Lync runs at the end (it never stops once started). */
  readonly lyncStarted: boolean;
  /** Whether the "Lync MAPI COM Server" prompt appeared at some point. */
  readonly lyncPromptAppeared: boolean;
  /** Whether Outlook asked for credentials at some point. */
  readonly outlookPrompted: boolean;
  /** Who asked for credentials, in order (an application can ask only once per run). */
  readonly prompters: readonly Application[];
  /** Whether the MAPI stack is connected to Exchange at the end. */
  readonly mapiConnected: boolean;
  /** The MAPI status at the end; `undefined` when Lync never started. */
  readonly mapiStatus: MapiStatus | undefined;
  /** The MAPI status message at the end; `undefined` when Lync never started or the status is OK. */
  readonly mapiMessage: string | undefined;
  /** The EWS status at the end; `undefined` when Lync never started. */
  readonly ewsStatus: EwsStatus | undefined;
  /** The process Lync uses for MAPI. */
  readonly mapiProcess: MapiProcess;
  /** Whether ucmapi sends network traffic before credentials are given: false exactly when Lync's prompt appeared. */
  readonly ucmapiTrafficBeforeCredentials: boolean;
  /** Plain-English reasons, each a clause that fits after "because". */
  readonly reasons: {
    readonly prompt: string;
    readonly status: string;
    readonly ews: string;
    readonly process: string;
  };
}

/** Where a condition's value came from. */
export type ConditionSource = 'given' | 'default' | 'assumed';

/** One condition a rule read. */
export interface ConditionUse {
  readonly condition: ConditionName;
  readonly value: ConditionValue;
  readonly source: ConditionSource;
}

/**
 * The model's rules, as trace identifiers, each with the behaviour of the
 * seed article it encodes.
 */
export type ModelRuleId =
  /** "If Lync is set to automatically start with system logon, Lync will always start up first." */
  | 'autostart'
  /** The issue's reading: a scenario that starts no application reads as "When Lync starts". */
  | 'implicit-lync-start'
  /** "If Outlook is started first ... the MAPI connection is made by the MAPI Stack." */
  | 'outlook-connected'
  /** The issue's reading: starting an application that already runs changes nothing. */
  | 'already-running'
  /** "If a user then launches Outlook, it won't request for credentials since the MAPI connection is already active." */
  | 'open-prompt-answered'
  /** "Once the connection ... is made, no credentials are required as long as the connection remains active." */
  | 'connection-up'
  /** "For internal users, Outlook/UCMAPI.EXE can directly connect to Exchange server using MAPI over RPC." */
  | 'rpc-direct'
  /** "For external users, or if Outlook Anywhere is forced for internal connections ... Outlook Anywhere will be used." */
  | 'outlook-anywhere'
  /** "NTLM ... for domain-joined machines ... will use cached logon information ... The user will not need to provide any credentials." */
  | 'ntlm-cached-logon'
  /** "In case Outlook Anywhere is set to Basic Authentication, the MAPI Stack requires credentials from the user." */
  | 'credentials-needed'
  /** "Cache the user credentials in Windows credential manager" prevents the user from providing credentials. */
  | 'credential-manager'
  /** "The first MAPI-aware application that will get launched ... will need to provide the required credentials." */
  | 'first-to-connect'
  /** EWS is "only available for Exchange 2010 & Exchange 2007"; "EWS Status OK" while the prompt shows. */
  | 'ews'
  /** "ucmapi.exe (32-Bit) or ucmapi64.exe (64-bit)". */
  | 'mapi-process'
  /** "If you cancel the authentication prompt ... 'MAPI Unavailable' ... 'the sign-in dialog box was canceled or closed'." */
  | 'cancel'
  /** "After valid credentials are provided, the MAPI Stack will create the connection to Exchange server." */
  | 'credentials-entered'
  /** The issue's reading: cancelling or answering when no prompt is open changes nothing. */
  | 'no-open-prompt'
  /** The status at the end: "MAPI Unavailable" with the "in the process of connecting" message while the prompt waits. */
  | 'final-status';

/** One rule that fired, with the conditions it read. */
export interface TraceStep {
  readonly rule: ModelRuleId;
  /** A full sentence saying what happened and why. */
  readonly explanation: string;
  readonly uses: readonly ConditionUse[];
}

/** The outcome of {@link runModel}. */
export type ModelRun =
  | { readonly kind: 'derived'; readonly state: DerivedState; readonly trace: readonly TraceStep[] }
  | {
      readonly kind: 'needs';
      /** The unset no-default condition the run cannot continue without. */
      readonly condition: NoDefaultCondition;
      /** The rules that fired before the run stopped. */
      readonly trace: readonly TraceStep[];
    };

/**
 * Runs the model. `given` holds what the scenario states, `assumed` what the
 * caller chose for conditions the scenario leaves open (it shows as
 * `assumed` in the trace); every other condition takes its default.
 *
 * Before the events: `lyncAutostart` puts a Lync start first, and when no
 * event starts an application the run reads as "When Lync starts".
 *
 * Returns `kind: 'needs'` when the run reaches a rule that reads `location`
 * or `outlookAnywhereAuthentication` and neither argument gives it; never throws.
 */
export function runModel(
  given: GivenConditions,
  events: readonly ModelEvent[],
  assumed: GivenConditions = {},
): ModelRun {
  const run = new Run(given, assumed);
  return run.execute(events);
}

/** A short English phrase for a condition's value, e.g. `the user is remote`. */
export function describeCondition<K extends ConditionName>(name: K, value: Conditions[K]): string {
  switch (name) {
    case 'client':
      return 'the client is Lync 2010';
    case 'bitness':
      return `Lync runs as a ${String(value)} process`;
    case 'exchangeVersion':
      return `the mailbox is on Exchange Server ${String(value)}`;
    case 'location':
      return value === 'internal' ? 'the user is internal' : 'the user is remote';
    case 'outlookAnywhereForcedInternally':
      return value ? 'Outlook Anywhere is forced for internal connections' : 'Outlook Anywhere is not forced for internal connections';
    case 'outlookAnywhereAuthentication':
      return `Outlook Anywhere uses ${value === 'ntlm' ? 'NTLM' : 'Basic'} authentication`;
    case 'domainJoined':
      return value ? 'the computer is domain-joined' : 'the computer is not domain-joined';
    case 'credentialsCached':
      return value
        ? 'the credentials are cached in Windows Credential Manager'
        : 'no credentials are cached in Windows Credential Manager';
    case 'outlookState':
      return value === 'connected' ? 'Outlook is running and connected to Exchange' : 'Outlook is closed';
    default:
      return value ? 'Lync starts automatically at sign-in' : 'Lync does not start automatically at sign-in';
  }
}

/** A noun phrase naming a condition, e.g. `the user's location`. */
export function conditionLabel(name: ConditionName): string {
  return CONDITION_LABELS[name];
}

/** A display name for an application. */
export function applicationName(application: Application): string {
  return application === 'lync' ? 'Lync' : 'Outlook';
}

const CONDITION_LABELS: { readonly [K in ConditionName]: string } = {
  client: 'the client',
  bitness: 'whether Lync is 32-bit or 64-bit',
  exchangeVersion: 'the Exchange Server version',
  location: "the user's location (internal or remote)",
  outlookAnywhereForcedInternally: 'whether Outlook Anywhere is forced for internal connections',
  outlookAnywhereAuthentication: 'the Outlook Anywhere authentication method (Basic or NTLM)',
  domainJoined: 'whether the computer is domain-joined',
  credentialsCached: 'whether credentials are cached in Windows Credential Manager',
  outlookState: "Outlook's state",
  lyncAutostart: 'whether Lync starts automatically at sign-in',
};

/** A credential decision either needs a missing condition or says whether the first connection asks. */
type CredentialDecision =
  | { readonly needs: NoDefaultCondition }
  | { readonly asks: boolean; readonly clauses: readonly string[] };

/** The mutable state of one run; private so that {@link runModel} stays pure from the outside. */
class Run {
  private readonly trace: TraceStep[] = [];
  private lyncRunning = false;
  private outlookRunning = false;
  private connected = false;
  private openPrompt: Application | undefined;
  private lyncCancelled = false;
  private readonly prompters: Application[] = [];
  private readonly promptClauses: string[] = [];

  constructor(
    private readonly given: GivenConditions,
    private readonly assumed: GivenConditions,
  ) {}

  execute(events: readonly ModelEvent[]): ModelRun {
    const outlook = this.read('outlookState');
    if (outlook.value === 'connected') {
      this.outlookRunning = true;
      this.connected = true;
      this.fire('outlook-connected', 'Outlook is already running and connected to Exchange, so the MAPI connection is up before anything happens.', [outlook]);
    }
    const autostart = this.read('lyncAutostart');
    const sequence: ModelEvent[] = [...events];
    if (autostart.value) {
      sequence.unshift('lync-starts');
      this.fire('autostart', 'Lync starts automatically at sign-in, so Lync starts before the events of the scenario.', [autostart]);
    } else if (!sequence.some((event) => event === 'lync-starts' || event === 'outlook-starts')) {
      sequence.unshift('lync-starts');
      this.fire('implicit-lync-start', 'No application starts in the scenario, so it reads as "When Lync starts".', [autostart]);
    }
    for (const event of sequence) {
      const needs = this.apply(event);
      if (needs !== undefined) return { kind: 'needs', condition: needs, trace: this.trace };
    }
    return { kind: 'derived', state: this.finish(), trace: this.trace };
  }

  private apply(event: ModelEvent): NoDefaultCondition | undefined {
    switch (event) {
      case 'lync-starts':
        return this.start('lync');
      case 'outlook-starts':
        return this.start('outlook');
      case 'user-cancels':
        this.cancel();
        return undefined;
      case 'user-enters-credentials':
        this.enterCredentials();
        return undefined;
      default:
        return undefined;
    }
  }

  private start(application: Application): NoDefaultCondition | undefined {
    const name = applicationName(application);
    if (application === 'lync' ? this.lyncRunning : this.outlookRunning) {
      this.fire('already-running', `${name} is already running, so starting it again changes nothing.`, []);
      return undefined;
    }
    if (application === 'lync') this.lyncRunning = true;
    else this.outlookRunning = true;
    if (this.openPrompt !== undefined) {
      const asker = applicationName(this.openPrompt);
      this.fire('open-prompt-answered', `${asker}'s prompt is still open when ${name} starts, so it counts as answered with valid credentials and the MAPI connection comes up.`, []);
      this.promptClauses.push(`${asker}'s prompt counts as answered when ${name} starts, so ${name} finds the MAPI connection up`);
      this.openPrompt = undefined;
      this.connected = true;
    } else if (this.connected) {
      this.fire('connection-up', `The MAPI connection is already up, so ${name} uses it without asking for credentials.`, []);
      this.promptClauses.push(`${name} finds the MAPI connection already up and needs no credentials`);
    } else {
      const needs = this.connect(application);
      if (needs !== undefined) return needs;
    }
    if (application === 'lync') this.lyncStarted();
    return undefined;
  }

  private connect(application: Application): NoDefaultCondition | undefined {
    const decision = this.decideCredentials();
    if ('needs' in decision) return decision.needs;
    const name = applicationName(application);
    if (!decision.asks) {
      this.connected = true;
      this.promptClauses.push(`${decision.clauses.join('; ')}, so ${name} connects without a prompt`);
      return undefined;
    }
    const outlook = this.read('outlookState');
    const outlookClosed = application === 'lync' && !this.outlookRunning && outlook.value === 'closed';
    const first = `${name} is the first MAPI-aware application to connect${outlookClosed ? ' (Outlook is closed)' : ''}`;
    const prompt = application === 'lync' ? 'the "Lync MAPI COM Server" prompt appears' : 'Outlook prompts for credentials';
    this.fire('first-to-connect', `${first}, so it asks for the credentials: ${prompt}.`, outlookClosed ? [outlook] : []);
    this.promptClauses.push(`${decision.clauses.join('; ')}; and ${first}`);
    this.openPrompt = application;
    this.prompters.push(application);
    return undefined;
  }

  private decideCredentials(): CredentialDecision {
    const location = this.read('location');
    if (location === undefined) return { needs: 'location' };
    const forced = this.read('outlookAnywhereForcedInternally');
    if (location.value === 'internal' && !forced.value) {
      this.fire('rpc-direct', 'The user is internal and Outlook Anywhere is not forced for internal connections, so the MAPI stack connects with MAPI over RPC directly and asks for no credentials, whatever the authentication method.', [location, forced]);
      return { asks: false, clauses: ['an internal user whose Outlook Anywhere is not forced connects with MAPI over RPC directly, whatever the authentication method'] };
    }
    const route = location.value === 'remote'
      ? 'the user is remote, so MAPI goes through Outlook Anywhere'
      : 'Outlook Anywhere is forced for internal connections, so MAPI goes through it';
    this.fire('outlook-anywhere', `${capitalize(route)} (RPC over HTTP).`, location.value === 'remote' ? [location] : [location, forced]);
    const auth = this.read('outlookAnywhereAuthentication');
    if (auth === undefined) return { needs: 'outlookAnywhereAuthentication' };
    const joined = this.read('domainJoined');
    if (auth.value === 'ntlm' && joined.value) {
      this.fire('ntlm-cached-logon', 'Outlook Anywhere uses NTLM and the computer is domain-joined, so the MAPI stack signs in with the cached Windows logon.', [auth, joined]);
      return { asks: false, clauses: [route, 'NTLM on a domain-joined computer signs in with the cached Windows logon'] };
    }
    const why = auth.value === 'basic'
      ? 'Basic authentication needs the user\'s credentials'
      : 'NTLM on a computer that is not domain-joined still needs the user\'s credentials';
    const authUses = auth.value === 'basic' ? [auth] : [auth, joined];
    const cached = this.read('credentialsCached');
    if (!cached.value) {
      this.fire('credentials-needed', `${capitalize(why)}, and none are cached in Windows Credential Manager.`, [...authUses, cached]);
    } else {
      this.fire('credentials-needed', `${capitalize(why)}.`, authUses);
      this.fire('credential-manager', 'The credentials cached in Windows Credential Manager are used without a prompt.', [cached]);
      return { asks: false, clauses: [route, why, 'the credentials cached in Windows Credential Manager are used'] };
    }
    return { asks: true, clauses: [route, why, 'none are cached in Windows Credential Manager'] };
  }

  private lyncStarted(): void {
    const version = this.read('exchangeVersion');
    const ews = version.value === '2003'
      ? 'Exchange Server 2003 has no Exchange Web Services, so EWS is not available.'
      : `Exchange Server ${version.value} offers Exchange Web Services, so Lync reports "EWS Status OK" (the prompt comes from MAPI, never from EWS).`;
    this.fire('ews', ews, [version]);
    const bitness = this.read('bitness');
    this.fire('mapi-process', `Lync runs as a ${bitness.value} process, so its MAPI process is ${processFor(bitness.value)}.`, [bitness]);
  }

  private cancel(): void {
    if (this.openPrompt === undefined) {
      this.fire('no-open-prompt', 'No prompt is open when the user cancels, so nothing changes.', []);
      return;
    }
    const asker = applicationName(this.openPrompt);
    this.fire('cancel', `The user cancels ${asker}'s prompt, so the MAPI connection stays down.`, []);
    this.promptClauses.push(`the user cancels ${asker}'s prompt`);
    if (this.openPrompt === 'lync') this.lyncCancelled = true;
    this.openPrompt = undefined;
  }

  private enterCredentials(): void {
    if (this.openPrompt === undefined) {
      this.fire('no-open-prompt', 'No prompt is open when the user enters credentials, so nothing changes.', []);
      return;
    }
    this.fire('credentials-entered', `The user enters valid credentials in ${applicationName(this.openPrompt)}'s prompt, so the MAPI connection comes up.`, []);
    this.promptClauses.push('the user enters valid credentials');
    this.openPrompt = undefined;
    this.connected = true;
  }

  private finish(): DerivedState {
    const bitness = this.read('bitness').value;
    const version = this.read('exchangeVersion').value;
    const lyncPromptAppeared = this.prompters.includes('lync');
    let mapiStatus: MapiStatus | undefined;
    let mapiMessage: string | undefined;
    const story = this.promptClauses.length === 0 ? 'no application connects to Exchange' : this.promptClauses.join('; then ');
    let status: string;
    if (!this.lyncRunning) {
      status = 'Lync never starts, so it shows no MAPI status';
    } else if (this.connected) {
      mapiStatus = 'MAPI Status OK';
      status = `the MAPI connection is up at the end: ${story}`;
    } else if (this.openPrompt === 'lync') {
      mapiStatus = 'MAPI Unavailable';
      mapiMessage = MAPI_MESSAGE_CONNECTING;
      status = `Lync's prompt is still waiting for credentials at the end: ${story}`;
    } else {
      mapiStatus = 'MAPI Unavailable';
      mapiMessage = this.lyncCancelled ? MAPI_MESSAGE_CANCELLED : MAPI_MESSAGE_CONNECTING;
      status = this.lyncCancelled
        ? 'the user cancelled Lync\'s prompt and the MAPI connection never came up'
        : 'the MAPI connection is not up at the end';
    }
    this.fire('final-status', mapiStatus === undefined
      ? 'Lync never starts, so it shows no MAPI or EWS status.'
      : `${capitalize(status)}, so the MAPI status is "${mapiStatus}"${mapiMessage === undefined ? '' : ` with the message "${mapiMessage}"`}.`, []);
    const ewsStatus: EwsStatus | undefined = this.lyncRunning ? (version === '2003' ? 'unavailable' : 'EWS Status OK') : undefined;
    return {
      lyncStarted: this.lyncRunning,
      lyncPromptAppeared,
      outlookPrompted: this.prompters.includes('outlook'),
      prompters: [...this.prompters],
      mapiConnected: this.connected,
      mapiStatus,
      mapiMessage,
      ewsStatus,
      mapiProcess: processFor(bitness),
      ucmapiTrafficBeforeCredentials: !lyncPromptAppeared,
      reasons: {
        prompt: story,
        status,
        ews: !this.lyncRunning
          ? 'Lync never starts'
          : version === '2003'
            ? 'Exchange Server 2003 has no Exchange Web Services'
            : `Exchange Server ${version} offers Exchange Web Services, which never prompt`,
        process: `Lync runs as a ${bitness} process`,
      },
    };
  }

  /** Reads a condition, recording where its value came from; `undefined` only for an unset no-default condition. */
  private read<K extends NoDefaultCondition>(name: K): (ConditionUse & { readonly value: Conditions[K] }) | undefined;
  private read<K extends DefaultedCondition>(name: K): ConditionUse & { readonly value: Conditions[K] };
  private read<K extends ConditionName>(name: K): (ConditionUse & { readonly value: Conditions[K] }) | undefined {
    const given = this.given[name];
    if (given !== undefined) return { condition: name, value: given as Conditions[K], source: 'given' };
    const assumed = this.assumed[name];
    if (assumed !== undefined) return { condition: name, value: assumed as Conditions[K], source: 'assumed' };
    if (name in CONDITION_DEFAULTS) {
      return { condition: name, value: CONDITION_DEFAULTS[name as DefaultedCondition] as Conditions[K], source: 'default' };
    }
    return undefined;
  }

  private fire(rule: ModelRuleId, explanation: string, uses: readonly ConditionUse[]): void {
    this.trace.push({ rule, explanation, uses });
  }
}

function processFor(bitness: Bitness): MapiProcess {
  return bitness === '64-bit' ? 'ucmapi64.exe' : 'ucmapi.exe';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
