import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../../server/src/core/scenario/judge-outcome.js';
import { outcomeNamed } from '../../../server/src/core/scenario/model/describe.js';
import type { GivenConditions } from '../../../server/src/core/scenario/model/model-types.js';
import { type ModelRun, type ModelState, runModel as runAnyModel } from '../../../server/src/core/scenario/model/run-model.js';
import { bundledModel } from './support.js';

/** The conditions of the bundled model, as this test writes them. */
interface Conditions {
  readonly client: 'lync-2010';
  readonly bitness: '32-bit' | '64-bit';
  readonly exchangeVersion: '2003' | '2007' | '2010';
  readonly location: 'internal' | 'remote';
  readonly outlookAnywhereForcedInternally: boolean;
  readonly outlookAnywhereAuthentication: 'basic' | 'ntlm';
  readonly domainJoined: boolean;
  readonly credentialsCached: boolean;
  readonly outlookState: 'closed' | 'connected';
  readonly lyncAutostart: boolean;
}
type ModelEvent = string;

function runModel(given: Partial<Conditions>, events: readonly ModelEvent[], assumed: Partial<Conditions> = {}): ModelRun {
  return runAnyModel(bundledModel(), given as GivenConditions, events, assumed as GivenConditions);
}

/** What the bundled model derives, under the names the seed uses (an empty text is no value). */
function derived(state: ModelState): {
  prompters: readonly string[];
  lyncPromptAppeared: boolean;
  outlookPrompted: boolean;
  mapiStatus: string | undefined;
  mapiMessage: string | undefined;
  ewsStatus: string | undefined;
  mapiProcess: string;
  ucmapiTrafficBeforeCredentials: unknown;
} {
  const prompters = state['prompters'] as readonly string[];
  const text = (name: string): string | undefined => (state[name] === '' ? undefined : (state[name] as string));
  const traffic = outcomeNamed(bundledModel(), 'ucmapiTrafficBeforeCredentials');
  return {
    prompters,
    lyncPromptAppeared: prompters.includes('lync'),
    outlookPrompted: prompters.includes('outlook'),
    mapiStatus: text('mapiStatus'),
    mapiMessage: text('mapiMessage'),
    ewsStatus: text('ewsStatus'),
    mapiProcess: state['mapiProcess'] as string,
    ucmapiTrafficBeforeCredentials: traffic?.kind === 'values' ? evaluate(traffic.value, state) : undefined,
  };
}

// Expectations below are written from the seed article, not by calling the model.
const CONNECTING = 'Lync is in the process of connecting to the Exchange server. This process may take a few minutes';
const CANCELLED = 'A separate sign in was required to connect to Outlook, but the sign-in dialog box was canceled or closed';

describe('model: the decision table of the seed', () => {
  // location, authentication, domain-joined, cached, first application -> who prompts, MAPI status once Lync runs
  const TABLE: readonly string[] = [
    'internal basic  joined   uncached lync    -> nobody  MAPI Status OK',
    'internal basic  joined   uncached outlook -> nobody  MAPI Status OK',
    'internal basic  joined   cached   lync    -> nobody  MAPI Status OK',
    'internal basic  joined   cached   outlook -> nobody  MAPI Status OK',
    'internal basic  unjoined uncached lync    -> nobody  MAPI Status OK',
    'internal basic  unjoined uncached outlook -> nobody  MAPI Status OK',
    'internal basic  unjoined cached   lync    -> nobody  MAPI Status OK',
    'internal basic  unjoined cached   outlook -> nobody  MAPI Status OK',
    'internal ntlm   joined   uncached lync    -> nobody  MAPI Status OK',
    'internal ntlm   joined   uncached outlook -> nobody  MAPI Status OK',
    'internal ntlm   joined   cached   lync    -> nobody  MAPI Status OK',
    'internal ntlm   joined   cached   outlook -> nobody  MAPI Status OK',
    'internal ntlm   unjoined uncached lync    -> nobody  MAPI Status OK',
    'internal ntlm   unjoined uncached outlook -> nobody  MAPI Status OK',
    'internal ntlm   unjoined cached   lync    -> nobody  MAPI Status OK',
    'internal ntlm   unjoined cached   outlook -> nobody  MAPI Status OK',
    'remote   basic  joined   uncached lync    -> lync    MAPI Unavailable',
    'remote   basic  joined   uncached outlook -> outlook MAPI Status OK',
    'remote   basic  joined   cached   lync    -> nobody  MAPI Status OK',
    'remote   basic  joined   cached   outlook -> nobody  MAPI Status OK',
    'remote   basic  unjoined uncached lync    -> lync    MAPI Unavailable',
    'remote   basic  unjoined uncached outlook -> outlook MAPI Status OK',
    'remote   basic  unjoined cached   lync    -> nobody  MAPI Status OK',
    'remote   basic  unjoined cached   outlook -> nobody  MAPI Status OK',
    'remote   ntlm   joined   uncached lync    -> nobody  MAPI Status OK',
    'remote   ntlm   joined   uncached outlook -> nobody  MAPI Status OK',
    'remote   ntlm   joined   cached   lync    -> nobody  MAPI Status OK',
    'remote   ntlm   joined   cached   outlook -> nobody  MAPI Status OK',
    'remote   ntlm   unjoined uncached lync    -> lync    MAPI Unavailable',
    'remote   ntlm   unjoined uncached outlook -> outlook MAPI Status OK',
    'remote   ntlm   unjoined cached   lync    -> nobody  MAPI Status OK',
    'remote   ntlm   unjoined cached   outlook -> nobody  MAPI Status OK',
  ];

  for (const line of TABLE) {
    it(line.replace(/\s+/g, ' '), () => {
      const [location, auth, joined, cached, first, , who, ...status] = line.split(/\s+/);
      const events: ModelEvent[] = first === 'lync' ? ['lync-starts'] : ['outlook-starts', 'lync-starts'];
      const run = runModel(
        {
          location: location as Conditions['location'],
          outlookAnywhereAuthentication: auth as Conditions['outlookAnywhereAuthentication'],
          domainJoined: joined === 'joined',
          credentialsCached: cached === 'cached',
        },
        events,
      );
      assert.equal(run.kind, 'derived');
      if (run.kind !== 'derived') return;
      assert.deepEqual(derived(run.state).prompters, who === 'nobody' ? [] : [who]);
      assert.equal(derived(run.state).mapiStatus, status.join(' '));
    });
  }
});

describe('model: the whole condition space', () => {
  const SCRIPTS: Readonly<Record<string, readonly ModelEvent[]>> = {
    'no event': [],
    'Lync starts': ['lync-starts'],
    'Outlook then Lync': ['outlook-starts', 'lync-starts'],
    'Lync then Outlook': ['lync-starts', 'outlook-starts'],
    'Lync, cancel': ['lync-starts', 'user-cancels'],
    'Lync, credentials': ['lync-starts', 'user-enters-credentials'],
    'Outlook only': ['outlook-starts'],
    'Lync, cancel, Outlook': ['lync-starts', 'user-cancels', 'outlook-starts'],
  };

  interface Expected {
    readonly lyncPrompt: boolean;
    readonly outlookPrompt: boolean;
    readonly status: string | undefined;
    readonly message: string | undefined;
  }

  /** The seed's rules, restated independently of the model. */
  function expected(c: Conditions, script: string): Expected {
    const viaOutlookAnywhere = c.location === 'remote' || c.outlookAnywhereForcedInternally;
    const needsCredentials = viaOutlookAnywhere && !c.credentialsCached && (c.outlookAnywhereAuthentication === 'basic' || !c.domainJoined);
    const connectedBefore = c.outlookState === 'connected';
    const asks = needsCredentials && !connectedBefore;
    const ok = { status: 'MAPI Status OK', message: undefined };
    const waiting = { status: 'MAPI Unavailable', message: CONNECTING };
    const cancelled = { status: 'MAPI Unavailable', message: CANCELLED };
    const lyncFirst = c.lyncAutostart || !['Outlook then Lync', 'Outlook only'].includes(script);
    switch (script) {
      case 'no event':
      case 'Lync starts':
        return { lyncPrompt: asks, outlookPrompt: false, ...(asks ? waiting : ok) };
      case 'Outlook then Lync':
      case 'Lync then Outlook':
        // Whoever starts first asks; an open prompt counts as answered when the other starts.
        return { lyncPrompt: lyncFirst && asks, outlookPrompt: !lyncFirst && asks, ...ok };
      case 'Lync, cancel':
        return { lyncPrompt: asks, outlookPrompt: false, ...(asks ? cancelled : ok) };
      case 'Lync, credentials':
        return { lyncPrompt: asks, outlookPrompt: false, ...ok };
      case 'Outlook only':
        return lyncFirst
          ? { lyncPrompt: asks, outlookPrompt: false, ...ok }
          : { lyncPrompt: false, outlookPrompt: asks, status: undefined, message: undefined };
      default:
        // After a cancelled Lync prompt the connection is down, so Outlook asks in turn.
        return { lyncPrompt: asks, outlookPrompt: asks, ...(asks ? cancelled : ok) };
    }
  }

  const all: Conditions[] = [];
  for (const bitness of ['32-bit', '64-bit'] as const)
    for (const exchangeVersion of ['2003', '2007', '2010'] as const)
      for (const location of ['internal', 'remote'] as const)
        for (const outlookAnywhereForcedInternally of [false, true])
          for (const outlookAnywhereAuthentication of ['basic', 'ntlm'] as const)
            for (const domainJoined of [false, true])
              for (const credentialsCached of [false, true])
                for (const outlookState of ['closed', 'connected'] as const)
                  for (const lyncAutostart of [false, true])
                    all.push({ client: 'lync-2010', bitness, exchangeVersion, location, outlookAnywhereForcedInternally, outlookAnywhereAuthentication, domainJoined, credentialsCached, outlookState, lyncAutostart });

  it('covers every combination of the ten conditions', () => {
    assert.equal(all.length, 2 * 3 * 2 * 2 * 2 * 2 * 2 * 2 * 2);
  });

  for (const [script, events] of Object.entries(SCRIPTS)) {
    it(`derives prompt, status, EWS, process and traffic for "${script}"`, () => {
      for (const conditions of all) {
        const run = runModel(conditions, events);
        assert.equal(run.kind, 'derived');
        if (run.kind !== 'derived') continue;
        const want = expected(conditions, script);
        const label = `${script} with ${JSON.stringify(conditions)}`;
        assert.equal(derived(run.state).lyncPromptAppeared, want.lyncPrompt, `Lync prompt: ${label}`);
        assert.equal(derived(run.state).outlookPrompted, want.outlookPrompt, `Outlook prompt: ${label}`);
        assert.equal(derived(run.state).mapiStatus, want.status, `MAPI status: ${label}`);
        assert.equal(derived(run.state).mapiMessage, want.message, `MAPI message: ${label}`);
        assert.equal(derived(run.state).ucmapiTrafficBeforeCredentials, !want.lyncPrompt, `traffic: ${label}`);
        assert.equal(derived(run.state).mapiProcess, conditions.bitness === '64-bit' ? 'ucmapi64.exe' : 'ucmapi.exe', `process: ${label}`);
        const lyncRuns = want.status !== undefined;
        assert.equal(derived(run.state).ewsStatus, lyncRuns ? (conditions.exchangeVersion === '2003' ? 'unavailable' : 'EWS Status OK') : undefined, `EWS: ${label}`);
      }
    });
  }
});

describe('model: messages, defaults and trace', () => {
  it('uses the seed\'s status messages', () => {
    const message = outcomeNamed(bundledModel(), 'mapiMessage');
    assert.deepEqual(message?.kind === 'text' ? message.known : [], [CONNECTING, CANCELLED]);
  });

  it('applies the defaults: 32-bit Lync, Exchange 2010, not forced, domain-joined, nothing cached, Outlook closed', () => {
    const run = runModel({ location: 'remote', outlookAnywhereAuthentication: 'basic' }, []);
    assert.equal(run.kind, 'derived');
    if (run.kind !== 'derived') return;
    assert.equal(derived(run.state).mapiProcess, 'ucmapi.exe');
    assert.equal(derived(run.state).ewsStatus, 'EWS Status OK');
    assert.equal(derived(run.state).lyncPromptAppeared, true);
    const defaults = run.trace.flatMap((step) => step.uses).filter((use) => use.source === 'default').map((use) => `${use.condition}=${String(use.value)}`);
    assert.deepEqual([...new Set(defaults)].sort(), ['bitness=32-bit', 'credentialsCached=false', 'exchangeVersion=2010', 'lyncAutostart=false', 'outlookState=closed']);
  });

  it('traces the rules that fired, in order, with the conditions they used', () => {
    const run = runModel({ location: 'remote', outlookAnywhereAuthentication: 'basic' }, ['lync-starts']);
    assert.deepEqual(run.trace.map((step) => step.rule), ['outlook-anywhere', 'credentials-needed', 'first-to-connect', 'ews', 'mapi-process', 'final-status']);
    assert.deepEqual(run.trace[0]?.uses, [{ condition: 'location', value: 'remote', source: 'given' }]);
    assert.match(run.trace[2]?.explanation ?? '', /Lync MAPI COM Server/);
  });

  it('marks values chosen by the caller as assumed', () => {
    const run = runModel({}, ['lync-starts'], { location: 'remote', outlookAnywhereAuthentication: 'ntlm' });
    const sources = run.trace.flatMap((step) => step.uses).filter((use) => use.condition === 'location' || use.condition === 'outlookAnywhereAuthentication');
    assert.ok(sources.length >= 2);
    assert.ok(sources.every((use) => use.source === 'assumed'));
  });

  it('asks for the location first, and for the authentication only over Outlook Anywhere', () => {
    assert.deepEqual(pick(runModel({}, [])), 'location');
    assert.deepEqual(pick(runModel({ location: 'remote' }, [])), 'outlookAnywhereAuthentication');
    assert.deepEqual(pick(runModel({ location: 'internal', outlookAnywhereForcedInternally: true }, [])), 'outlookAnywhereAuthentication');
    assert.equal(runModel({ location: 'internal' }, []).kind, 'derived');
    // Nothing connects before Outlook's connection is up, so nothing is needed.
    assert.equal(runModel({ outlookState: 'connected' }, ['lync-starts']).kind, 'derived');
  });

  it('reads a scenario without an application start as "When Lync starts"', () => {
    const run = runModel({ location: 'remote', outlookAnywhereAuthentication: 'basic' }, ['user-cancels']);
    assert.equal(run.trace[0]?.rule, 'implicit-lync-start');
    assert.equal(run.kind === 'derived' && derived(run.state).mapiMessage, CANCELLED);
  });

  it('changes nothing when an application that runs starts again', () => {
    const once = runModel({ location: 'remote', outlookAnywhereAuthentication: 'basic' }, ['lync-starts', 'user-cancels']);
    const twice = runModel({ location: 'remote', outlookAnywhereAuthentication: 'basic' }, ['lync-starts', 'user-cancels', 'lync-starts']);
    assert.deepEqual(twice.kind === 'derived' && derived(twice.state).prompters, once.kind === 'derived' && derived(once.state).prompters);
    assert.ok(twice.trace.some((step) => step.rule === 'already-running'));
  });

  it('never throws, even on values outside its types', () => {
    const junk = { location: 'moon', outlookAnywhereAuthentication: 42, bitness: null } as unknown as Partial<Conditions>;
    assert.doesNotThrow(() => runModel(junk, ['nonsense' as ModelEvent, 'lync-starts']));
  });
});

function pick(run: ReturnType<typeof runModel>): string | undefined {
  return run.kind === 'needs' ? run.condition : undefined;
}
