import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import safeRegex from 'safe-regex2';
import ts from 'typescript';
import { REPOSITORY_ROOT } from './support.js';

/** A regular expression literal of the engine's source, with where it is written. */
interface RegexLiteral {
  readonly file: string;
  readonly line: number;
  readonly source: string;
}

/**
 * Literals the checker flags that are safe all the same, each with the reason.
 * An entry that no longer matches a literal fails the test, so the list
 * cannot outlive the code it excuses.
 */
const ALLOWED: ReadonlyMap<string, string> = new Map([
  ['/^([A-Za-z][\\w.]*)?$/', 'The outer `?` repeats at most once, so the `*` inside has one way to match: linear.'],
]);

const CORE = path.join(REPOSITORY_ROOT, 'server', 'src', 'core');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  }).sort();
}

function regexLiterals(file: string): RegexLiteral[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: RegexLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      found.push({ file: path.relative(REPOSITORY_ROOT, file).split(path.sep).join('/'), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, source: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `/body/flags` as the RegExp it denotes. */
function toRegExp(literal: string): RegExp {
  const slash = literal.lastIndexOf('/');
  return new RegExp(literal.slice(1, slash), literal.slice(slash + 1));
}

describe('regular expressions of the engine', () => {
  const literals = sourceFiles(CORE).flatMap(regexLiterals);

  it('are found in the source (the walk works)', () => {
    assert.ok(literals.length > 50, `only ${literals.length} regular expression literals found in server/src/core`);
  });

  it('cannot backtrack catastrophically (star height and repetition checked by safe-regex2)', () => {
    const unsafe = literals.filter((literal) => !ALLOWED.has(literal.source) && !safeRegex(toRegExp(literal.source)));
    assert.deepEqual(unsafe.map((literal) => `${literal.file}:${literal.line} ${literal.source}`), []);
  });

  it('allow-list entries still name literals of the source', () => {
    const sources = new Set(literals.map((literal) => literal.source));
    assert.deepEqual([...ALLOWED.keys()].filter((source) => !sources.has(source)), []);
  });
});
