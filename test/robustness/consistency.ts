/**
 * Consistency of the language server with a fresh full check: random
 * sequences of workspace operations (edit, create, delete and rename files of
 * every kind on disk, edit and close buffers, change the configuration) must
 * leave the server's workspace and scheduler, driven in-process, with exactly
 * the findings of a fresh check of the same files.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bundledKbFiles, describeFindings, WorkspaceUnderTest } from '../support/workspace-harness.js';
import type { NamedProperty } from './properties.js';

const KB = '/kb';
const TRACE = `${KB}/articles/trace-lync-mapi-com-server-prompt.md`;
const EWS = `${KB}/articles/ews-status-ok-but-mapi-needed.md`;
const NEW_ARTICLE = `${KB}/articles/new-article.md`;

const FRONT_MATTER = '---\ntitle: New article\ndescription: A new article.\nms.topic: troubleshooting\nms.date: 01/02/2025\nappliesto:\n  - Lync 2010\n---\n';

/** Texts for files of every kind, each chosen to reach across files: links, anchors, tags, `see:`, synonyms, ids. */
const TEXTS = {
  article: [
    `${FRONT_MATTER}\n# New article\n\n## Symptoms\n\nSee [the cause](ews-status-ok-but-mapi-needed.md#cause) and [the trace](trace-lync-mapi-com-server-prompt.md).\n\n## Cause\n\nThe prompt comes from EWS.\n\n## Resolution\n\n![Prompt](media/new.png)\n`,
    `${FRONT_MATTER}\n# New article\n\n## Symptoms\n\nSee [the new one](new-article.md#fix-it) and [Resolution](ews-status-ok-but-mapi-needed.md#resolution).\n\n## Fix it\n\nCheck outlook anywhere.\n`,
  ],
  scenario: [
    '@article:articles/new-article.md\nFeature: New\n\n  Scenario: s\n    Given the client is Lync 2010\n    And the moon is full\n    When Lync starts\n    Then the MAPI status is "MAPI Unavailable"\n',
    '@article:new-article\nFeature: New\n\n  Scenario: s\n    Given the client is Lync 2010\n    When Lync starts\n',
  ],
  steps: ['steps:\n  - id: client-lync-2010\n    synonyms:\n      - the moon is full\n', 'not: [valid'],
  claim: [
    'id: new-claim\nwhen:\n  - - prompt\n  - - moon\nmessage: The moon has nothing to do with the prompt.\nsee: ../articles/new-article.md#fix-it\n',
  ].map((front) => `---\n${front}---\n\nThe moon does not matter.\n`),
  glossary: ['---\nterm: Moon Phase\navoid:\n  - moon-phase\nsee:\n  - mapi\n---\n\nThe phase of the moon.\n'],
  config: [
    '{ "exclude": ["README.md", "templates/**", "decision-table.md"] }',
    '{ "exclude": ["README.md", "templates/**", "decision-table.md", "articles/new-article.md"], "rules": { "image-alt": "off" } }',
    '{ "exclude": ["README.md", "templates/**", "decision-table.md"], "steps": "other-steps" }',
  ],
  image: ['not really a png'],
} as const;

/** Where files of each kind go; the existing files are edited, renamed and deleted too. */
const PATHS: Readonly<Record<keyof typeof TEXTS, readonly string[]>> = {
  article: [NEW_ARTICLE, EWS, TRACE],
  scenario: [`${KB}/scenarios/new.scenario`, `${KB}/scenarios/diagnostics.scenario`],
  steps: [`${KB}/steps/mine.yaml`, `${KB}/other-steps/mine.yaml`],
  claim: [`${KB}/claims/new-claim.md`, `${KB}/claims/prompt-fixed-through-ews.md`],
  glossary: [`${KB}/glossary/moon-phase.md`],
  config: [`${KB}/kb.config.json`],
  image: [`${KB}/articles/media/new.png`],
};

/** One workspace operation: on disk (`write`, `delete`, `rename`) or in an editor buffer (`buffer`, `close`). */
export type Operation =
  | { readonly type: 'write' | 'buffer'; readonly path: string; readonly text: string }
  | { readonly type: 'delete' | 'close'; readonly path: string }
  | { readonly type: 'rename'; readonly path: string; readonly to: string };

const KINDS = Object.keys(TEXTS) as Array<keyof typeof TEXTS>;

/** Random operations on files of every kind of the bundled KB, opened at `/kb`. */
export const operation: fc.Arbitrary<Operation> = fc.constantFrom(...KINDS).chain((kind) => {
  const path = fc.constantFrom(...PATHS[kind]);
  const text = fc.constantFrom<string>(...TEXTS[kind]);
  const others = PATHS[kind === 'config' ? 'article' : kind];
  return fc.oneof(
    fc.record({ type: fc.constant('write' as const), path, text }),
    fc.record({ type: fc.constant('buffer' as const), path, text }),
    fc.record({ type: fc.constantFrom('delete' as const, 'close' as const), path }),
    fc.record({ type: fc.constant('rename' as const), path, to: fc.constantFrom(...others) }),
  );
});

async function apply(harness: WorkspaceUnderTest, step: Operation): Promise<void> {
  const existed = async (path: string): Promise<boolean> => (await harness.fs.readText(path)) !== undefined;
  switch (step.type) {
    case 'write': {
      const created = !(await existed(step.path));
      harness.fs.write(step.path, step.text);
      await harness.fileEvent(step.path, created ? 'created' : 'changed');
      return;
    }
    case 'buffer':
      await harness.edit(step.path, step.text);
      return;
    case 'close':
      await harness.close(step.path);
      return;
    case 'delete':
      if (harness.fs.delete(step.path)) await harness.fileEvent(step.path, 'deleted');
      return;
    case 'rename': {
      const text = await harness.fs.readText(step.path);
      if (typeof text !== 'string' || step.to === step.path) return;
      const replaced = await existed(step.to);
      harness.fs.delete(step.path);
      harness.fs.write(step.to, text);
      await harness.fileEvent(step.path, 'deleted');
      await harness.fileEvent(step.to, replaced ? 'changed' : 'created');
    }
  }
}

/** The property: after any sequence of operations, the server shows what a fresh full check finds. */
export function workspaceConsistencyProperty(maxOperations = 6): NamedProperty {
  const property = fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: maxOperations }), async (operations) => {
    const harness = await WorkspaceUnderTest.open(bundledKbFiles(), KB);
    try {
      for (const step of operations) await apply(harness, step);
      assert.deepEqual(describeFindings(harness.findings()), describeFindings(await harness.freshFindings()));
    } finally {
      harness.dispose();
    }
  });
  return { name: 'language server findings equal a fresh full check after random workspace operations', check: async (parameters) => { await fc.assert(property, parameters); } };
}
