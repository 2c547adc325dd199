import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cleanEnv, copyFixture, runCli } from './cli-harness.js';

/**
 * Microsoft's SARIF validator (`sarif-multitool validate`), from the npm
 * package `@microsoft/sarif-multitool`, whose platform package ships the
 * binary; `undefined` on a platform it has none for.
 */
function multitool(): string | undefined {
  try {
    return createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
  } catch {
    return undefined;
  }
}

interface ValidationResult {
  readonly level?: string;
  readonly ruleId: string;
  readonly message: { readonly text?: string; readonly arguments?: readonly string[] };
  readonly locations?: ReadonlyArray<{ readonly physicalLocation?: { readonly artifactLocation?: { readonly uri?: string } } }>;
}

interface ValidationLog {
  readonly runs: ReadonlyArray<{ readonly results: readonly ValidationResult[]; readonly invocations?: ReadonlyArray<{ readonly executionSuccessful: boolean }> }>;
}

/** Runs the validator on `files`, reporting errors and warnings; resolves to its own SARIF log. */
async function validate(tool: string, folder: string, files: readonly string[]): Promise<ValidationLog> {
  const output = path.join(folder, 'validation.sarif');
  await new Promise<void>((resolve, reject) => {
    // The binary itself, without a shell (its npm wrapper runs one, which splits the level list at ';').
    // Invariant globalization: the .NET runtime then needs no ICU library on the machine.
    execFile(tool, ['validate', ...files, '--output', output, '--level', 'Error;Warning', '--quiet'], { cwd: folder, env: cleanEnv({ DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' }), timeout: 120_000 }, (error, _stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else if (error !== null && error.code !== 1) reject(new Error(`the validator failed (${String(error.code)}): ${stderr}`));
      else resolve();
    });
  });
  return JSON.parse(await fs.readFile(output, 'utf8')) as ValidationLog;
}

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

describe('SARIF output and Microsoft\'s SARIF validator', () => {
  it('has 0 errors and 0 warnings, with fixes, every level, and hostile file names; a broken log does not pass', async (t) => {
    const tool = multitool();
    if (tool === undefined) {
      t.skip(`@microsoft/sarif-multitool ships no binary for ${process.platform}`);
      return;
    }
    const folder = await copyFixture('basic');
    folders.push(folder);
    // A name with a space, a percent sign, a non-ASCII letter and a control character, linked from an article.
    const hostile = 'articles/50% r\u00e9sum\u00e9 \u001b[2J.md';
    await fs.writeFile(path.join(folder, hostile), '---\ntitle: Notes\ndescription: Notes.\nms.topic: reference\nms.date: 01/15/2024\n---\n\n# Notes\n\nSee [setup](setup.md#no-such-heading) and [gone](gone.md).\n');
    const run = await runCli('in-process', folder, ['--format', 'sarif', '--output-file', 'kb.sarif']);
    assert.equal(run.exitCode, 1, run.stderr);
    const log = JSON.parse(await fs.readFile(path.join(folder, 'kb.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ level: string; fixes?: unknown[]; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    const results = log.runs[0]?.results ?? [];
    assert.deepEqual([...new Set(results.map((result) => result.level))].sort(), ['error', 'note', 'warning']);
    assert.ok(results.some((result) => (result.fixes?.length ?? 0) > 0), 'some results carry fixes');

    const broken = structuredClone(log);
    const first = broken.runs[0]?.results[0];
    assert.ok(first);
    first.locations[0]!.physicalLocation.region.startLine = 0;
    await fs.writeFile(path.join(folder, 'broken.sarif'), JSON.stringify(broken));

    const validation = await validate(tool, folder, ['kb.sarif', 'broken.sarif']);
    assert.equal(validation.runs[0]?.invocations?.[0]?.executionSuccessful, true, 'the validator ran');
    const reported = validation.runs[0]?.results ?? [];
    const about = (file: string): ValidationResult[] => reported.filter((result) => result.locations?.some((location) => location.physicalLocation?.artifactLocation?.uri?.endsWith(file)));
    assert.deepEqual(about('kb.sarif').map((result) => `${result.level ?? 'warning'} ${result.ruleId}: ${JSON.stringify(result.message)}`), []);
    assert.ok(about('broken.sarif').length > 0, 'the validator reports the broken log');
  });
});
