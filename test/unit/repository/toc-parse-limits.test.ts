import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, InMemoryFileSystem } from '../../../server/src/core/index.js';

const today = (): Date => new Date(2026, 10, 25);

/** A table of contents `depth` levels deep whose innermost item links to a page that does not exist, in YAML or in Markdown. */
function deepToc(depth: number, format: 'yaml' | 'markdown'): string {
  const lines: string[] = [];
  for (let level = 0; level < depth; level++) {
    const indent = ' '.repeat(level * (format === 'yaml' ? 4 : 2));
    lines.push(format === 'yaml' ? `${indent}- name: Level ${level}\n${indent}  items:` : `${indent}- Level ${level}`);
  }
  const indent = ' '.repeat(depth * (format === 'yaml' ? 4 : 2));
  lines.push(format === 'yaml' ? `${indent}- name: Missing\n${indent}  href: missing.md` : `${indent}- [Missing](missing.md)`);
  return `${lines.join('\n')}\n`;
}

async function findingsOf(path: string, text: string): Promise<string[]> {
  const fs = new InMemoryFileSystem({
    '/repo/.openpublishing.publish.config.json': JSON.stringify({ docsets_to_publish: [{ docset_name: 'docs', build_source_folder: 'docs' }] }),
    '/repo/docs/docfx.json': JSON.stringify({ build: { content: [{ files: ['**/*.md', '**/*.yml'] }] } }),
    [path]: text,
  });
  const engine = new Engine({ fs, today });
  const kb = await engine.openKb('/repo');
  return engine.check(kb, path).map((finding) => finding.ruleId);
}

describe('parse limits of tables of contents', () => {
  it('a YAML table of contents is read by the YAML parser, whatever the Markdown parser would make of its lines', async () => {
    // Indented beyond the columns before which Markdown list markers stop being parsed.
    assert.deepEqual(await findingsOf('/repo/docs/toc.yml', deepToc(60, 'yaml')), ['link-target']);
  });

  it('a Markdown table of contents nested as deep is still not parsed', async () => {
    assert.deepEqual(await findingsOf('/repo/docs/TOC.md', deepToc(120, 'markdown')), ['file-unreadable']);
  });
});
