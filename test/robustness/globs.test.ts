import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import picomatch from 'picomatch';
import { braceCombinations, parseConfig } from '../../server/src/core/config/config.js';

describe('brace groups in configuration globs', () => {
  it('rejects a glob whose brace groups stand for too many paths, at its place, and keeps the default', () => {
    const glob = `${'{a,a}'.repeat(30)}x`;
    const text = `{\n  "exclude": [\n    "drafts/**",\n    "${glob}"\n  ]\n}\n`;
    const { config, problems } = parseConfig('/kb/kb.config.json', text);
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /more than 256 paths through its brace groups/);
    assert.deepEqual(problems[0]?.range.start, { line: 3, character: 4 });
    assert.ok(!config.exclude.includes(glob));
  });

  it('counts without expanding, so a range of a trillion is refused at once', () => {
    assert.equal(braceCombinations('{0..1000000000000}', 256), 257);
    assert.equal(braceCombinations('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}', 256), 256);
    assert.equal(braceCombinations('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}', 256), 257);
  });

  it('counts nested groups, ranges, and skips escaped braces and character classes', () => {
    assert.equal(braceCombinations('{articles,docs/{kb,faq}}/**/*.md', 256), 3);
    assert.equal(braceCombinations('chapter-{1..12}/*.md', 256), 12);
    assert.equal(braceCombinations('\\{a,b}/[{]x', 256), 1);
  });

  it('accepts brace globs a KB would use, which still match', () => {
    const glob = '{articles,docs}/**/*.{md,markdown}';
    const { config, problems } = parseConfig('/kb/kb.config.json', JSON.stringify({ articles: [glob] }));
    assert.deepEqual(problems, []);
    assert.ok(picomatch([...config.articles])('docs/a/b.markdown'));
  });
});
