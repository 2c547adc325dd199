import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../../server/src/core/markdown/parse-markdown.js';
import { OPAQUE, sentencesOf, splitSentences } from '../../../server/src/core/markdown/sentences.js';

function split(text: string): string[] {
  return splitSentences(text).map((span) => text.slice(span.start, span.end));
}

/** The source text each sentence's range covers, and its reader-facing text. */
function sentences(markdown: string): Array<{ source: string; text: string; container: string }> {
  const file = parseMarkdown('/kb/articles/a.md', markdown);
  return sentencesOf(file).map((sentence) => ({ source: markdown.slice(sentence.start, sentence.end), text: sentence.text, container: sentence.container }));
}

describe('splitSentences', () => {
  it('splits at a period, question mark or exclamation mark followed by a capital', () => {
    assert.deepEqual(split('Lync starts. Does it ask? Yes! It asks.'), ['Lync starts.', 'Does it ask?', 'Yes!', 'It asks.']);
  });

  it('does not split after e.g., i.e., vs. or an initial', () => {
    assert.deepEqual(split('Some data, e.g. Free/busy, i.e. Calendar data, comes from EWS. J. Smith agrees.'), ['Some data, e.g. Free/busy, i.e. Calendar data, comes from EWS.', 'J. Smith agrees.']);
    assert.deepEqual(split('Compare EWS vs. MAPI here.'), ['Compare EWS vs. MAPI here.']);
  });

  it('does not split inside version numbers and file names', () => {
    assert.deepEqual(split('Exchange 2.0 and ucmapi.exe run. Then Outlook 14.0.4760 starts.'), ['Exchange 2.0 and ucmapi.exe run.', 'Then Outlook 14.0.4760 starts.']);
  });

  it('splits after a file name that ends a sentence', () => {
    assert.deepEqual(split('Lync starts ucmapi.exe. The prompt opens.'), ['Lync starts ucmapi.exe.', 'The prompt opens.']);
  });

  it('does not split before a lower-case word', () => {
    assert.deepEqual(split('It waits approx. ten seconds. Then it asks.'), ['It waits approx. ten seconds.', 'Then it asks.']);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    assert.deepEqual(split('The status reads "EWS Status OK." Lync then starts ucmapi.exe (the MAPI helper.) Done.'), ['The status reads "EWS Status OK."', 'Lync then starts ucmapi.exe (the MAPI helper.)', 'Done.']);
  });

  it('drops empty spans and spans without letters or digits', () => {
    assert.deepEqual(split(`  Ask. ${OPAQUE}  `), ['Ask.']);
  });
});

describe('sentencesOf', () => {
  it('reads paragraphs, list items, block quotes and table cells', () => {
    const found = sentences('Para one. Para two.\n\n- Item one.\n  1. Nested item.\n\n> Quoted.\n\n| A | B |\n|---|---|\n| Cell one. | Cell two. |\n');
    assert.deepEqual(found.map((sentence) => sentence.source), ['Para one.', 'Para two.', 'Item one.', 'Nested item.', 'Quoted.', 'A', 'B', 'Cell one.', 'Cell two.']);
    assert.deepEqual(found.map((sentence) => sentence.container), ['paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'table-cell', 'table-cell', 'table-cell', 'table-cell']);
  });

  it('never reads front matter, headings, code, HTML comments or link destinations', () => {
    const found = sentences('---\ntitle: EWS causes the prompt.\n---\n\n# EWS causes the prompt\n\n```text\nEWS causes the prompt.\n```\n\n<!-- EWS causes the prompt. -->\n\nSee [the trace](https://example.com/ews-causes-the-prompt) now.\n');
    assert.deepEqual(found.map((sentence) => sentence.text), ['See the trace now.']);
  });

  it('replaces inline code, inline HTML, bare URLs and images with an opaque character', () => {
    const [sentence] = sentences('Run `Test-EWS causes` and <b>x</b> then <https://ews.example> and ![EWS causes](a.png) now.\n');
    assert.equal(sentence?.text, `Run ${OPAQUE} and ${OPAQUE}x${OPAQUE} then ${OPAQUE} and ${OPAQUE} now.`);
  });

  it('masks Learn directives and breaks at alert markers and <br>', () => {
    const found = sentences('> [!NOTE]\n> EWS is fine\n\nShown :::image type="content" source="a.png" alt-text="EWS causes the prompt.":::\n\n| Cell one<br>Cell two |\n|---|\n');
    assert.deepEqual(found.map((sentence) => sentence.text.replaceAll(OPAQUE, '')), ['EWS is fine', 'Shown ', 'Cell one', 'Cell two']);
  });

  it('maps offsets exactly through emphasis, escapes, entities and continuation lines', () => {
    const markdown = '> The **prompt** comes\n> from \\*EWS\\* &amp; more. Next &#x1F600; one.\n';
    const found = sentences(markdown);
    assert.deepEqual(found.map((sentence) => sentence.source), ['The **prompt** comes\n> from \\*EWS\\* &amp; more.', 'Next &#x1F600; one.']);
    assert.equal(found[0]?.text, 'The prompt comes\nfrom *EWS* & more.');
  });

  it('maps offsets after a byte order mark', () => {
    const markdown = '\uFEFFFirst one. Second one.\n';
    assert.deepEqual(sentences(markdown).map((sentence) => sentence.source), ['First one.', 'Second one.']);
  });

  it('keeps link text as prose and reports the container start', () => {
    const markdown = '- Intro. [The prompt comes from EWS](../a.md).\n';
    const file = parseMarkdown('/kb/articles/a.md', markdown);
    const found = sentencesOf(file);
    assert.deepEqual(found.map((sentence) => sentence.text), ['Intro.', 'The prompt comes from EWS.']);
    assert.equal(found[1]?.containerStart, 2);
  });

  it('places the text around a bare URL that GFM found in decoded text, whose nodes have no position', () => {
    // Inside an unclosed bracket the URL is found after parsing, by a transform that gives its nodes no position.
    assert.deepEqual(sentences('Intro.\n\n[The prompt comes from EWS, see https://contoso.com/help today. Next one.\n'), [
      { source: 'Intro.', text: 'Intro.', container: 'paragraph' },
      { source: '[The prompt comes from EWS, see https://contoso.com/help today.', text: `[The prompt comes from EWS, see ${OPAQUE} today.`, container: 'paragraph' },
      { source: 'Next one.', text: 'Next one.', container: 'paragraph' },
    ]);
  });
});
