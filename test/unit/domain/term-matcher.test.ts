import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type GlossaryEntry, TermMatcher } from '../../../server/src/core/index.js';

const entry = (id: string, term: string, aliases: string[] = [], avoid: string[] = []): GlossaryEntry => ({
  id,
  path: `/kb/glossary/${id}.md`,
  source: 'kb',
  term,
  aliases,
  avoid,
  see: [],
  summary: undefined,
  definition: 'Definition.',
});

const glossary = [
  entry('outlook', 'Outlook', ['Microsoft Outlook'], ['MS Outlook']),
  entry('outlook-anywhere', 'Outlook Anywhere', [], ['Outlook anywhere', 'outlook anywhere']),
  entry('ucmapi', 'ucmapi.exe', ['ucmapi64.exe', 'ucmapi'], ['UCMapi.exe']),
  entry('free-busy', 'free/busy information', ['free/busy']),
  entry('rpc-over-http', 'RPC over HTTP', [], ['RPC-over-HTTP']),
  entry('lync-2010', 'Lync 2010', [], ['Lync2010']),
];

/** What the matcher finds, as `kind:text@start` for readable comparisons. */
function mentions(text: string, matcher = TermMatcher.build(glossary)): string[] {
  return matcher.find(text).map((mention) => `${mention.kind}:${text.slice(mention.start, mention.end)}@${mention.start}`);
}

describe('TermMatcher', () => {
  it('prefers the longest spelling', () => {
    assert.deepEqual(mentions('Outlook Anywhere, not Outlook.'), ['term:Outlook Anywhere@0', 'term:Outlook@22']);
    assert.deepEqual(mentions('ucmapi64.exe and ucmapi.exe and ucmapi'), ['alias:ucmapi64.exe@0', 'term:ucmapi.exe@17', 'alias:ucmapi@32']);
    assert.deepEqual(mentions('Microsoft Outlook starts'), ['alias:Microsoft Outlook@0']);
  });

  it('matches terms and aliases in any case, avoid spellings only in their exact case', () => {
    assert.deepEqual(mentions('OUTLOOK ANYWHERE'), ['term:OUTLOOK ANYWHERE@0']);
    assert.deepEqual(mentions('Outlook anywhere'), ['avoid:Outlook anywhere@0']);
    assert.deepEqual(mentions('outlook anywhere'), ['avoid:outlook anywhere@0']);
    assert.deepEqual(mentions('outlook Anywhere'), ['term:outlook Anywhere@0']);
    assert.deepEqual(mentions('UCMapi.exe ucmapi.EXE'), ['avoid:UCMapi.exe@0', 'term:ucmapi.EXE@11']);
  });

  it('matches whole words only', () => {
    assert.deepEqual(mentions('Outlooks and preOutlook and ucmapi32 and Lync 20100'), []);
    assert.deepEqual(mentions('(Outlook), "Outlook", Outlook\'s and **Outlook**'), ['term:Outlook@1', 'term:Outlook@12', 'term:Outlook@22', 'term:Outlook@38']);
  });

  it('keeps spellings with punctuation and spacing apart', () => {
    assert.deepEqual(mentions('RPC-over-HTTP and RPC over HTTP'), ['avoid:RPC-over-HTTP@0', 'term:RPC over HTTP@18']);
    assert.deepEqual(mentions('Lync2010 and Lync 2010'), ['avoid:Lync2010@0', 'term:Lync 2010@13']);
    assert.deepEqual(mentions('free/busy information and free/busy'), ['term:free/busy information@0', 'alias:free/busy@26']);
  });

  it('matches a spelling that wraps across lines', () => {
    assert.deepEqual(mentions('uses Outlook\n  anywhere today'), ['avoid:Outlook\n  anywhere@5']);
  });

  it('does not match parts of paths, file names and identifiers', () => {
    assert.deepEqual(mentions('C:\\Program Files\\MS Outlook\\Addins and settings.Outlook and Outlook-based'), []);
    assert.deepEqual(mentions('Outlook/2010 and ucmapi.dll'), []);
    assert.deepEqual(mentions('Ends with Outlook. Then _Outlook anywhere_ in emphasis.'), ['term:Outlook@10', 'avoid:Outlook anywhere@25']);
  });

  it('searches only the given span, with offsets of the whole text', () => {
    const matcher = TermMatcher.build(glossary);
    const text = 'Outlook and Outlook anywhere and Outlook';
    assert.deepEqual(matcher.find(text, 8, 28).map((mention) => [mention.entry.id, mention.start, mention.end]), [['outlook-anywhere', 12, 28]]);
  });

  it('ignores an avoid spelling that equals an accepted spelling', () => {
    const matcher = TermMatcher.build([entry('a', 'Autodiscover', ['Autodiscover service'], ['Autodiscover service']), entry('b', 'EWS', [], ['Autodiscover'])]);
    assert.deepEqual(mentions('Autodiscover service and Autodiscover', matcher), ['alias:Autodiscover service@0', 'term:Autodiscover@25']);
  });

  it('finds nothing with an empty glossary, and never throws on odd text', () => {
    assert.deepEqual(mentions('Outlook Anywhere', TermMatcher.build([])), []);
    const odd = ['', ' ', '\u0000', '\ud83d', 'Outlook\ud83d\ude00anywhere', '((((', '\\'.repeat(1000)];
    for (const text of odd) assert.doesNotThrow(() => TermMatcher.build(glossary).find(text, -5, text.length + 5));
    assert.deepEqual(mentions('Outlook and text', TermMatcher.build([entry('blank', '  ', [' '], ['\t'])])), []);
  });

  it('takes time proportional to the text, not to the glossary times the text', () => {
    const big = Array.from({ length: 2000 }, (_, index) => entry(`term-${index}`, `Term${index} phrase`, [`Alias${index}`], [`term${index} Phrase`]));
    const matcher = TermMatcher.build(big);
    const text = 'Some prose with Term5 phrase and term7 Phrase in it. '.repeat(20000);
    const started = performance.now();
    const found = matcher.find(text);
    const elapsed = performance.now() - started;
    assert.equal(found.length, 40000);
    assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms for ${text.length} characters`);
  });
});
