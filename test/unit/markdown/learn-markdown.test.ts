import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../../server/src/core/index.js';
import { sentencesOf } from '../../../server/src/core/markdown/sentences.js';
import { HeadingSlugger, learnSlug } from '../../../server/src/core/markdown/heading-slug.js';
import { targetNoun } from '../../../server/src/core/markdown/link-syntax.js';

const proseOf = (text: string): string => parseMarkdown('/kb/a.md', text).prose.map((span) => text.slice(span.start, span.end)).join('|');

describe('heading ids as Learn derives them', () => {
  it('keeps letters, digits, - and _, turns spaces into -, drops everything else', () => {
    assert.equal(learnSlug('Step 1: Sign in (optional)'), 'step-1-sign-in-optional');
    assert.equal(learnSlug('Résumé & «quotes»'), 'résumé--quotes');
    assert.equal(learnSlug('set_mailbox -Identity'), 'set_mailbox--identity');
    assert.equal(learnSlug('!!!'), 'section');
  });

  it('numbers repeated ids in document order', () => {
    const slugger = new HeadingSlugger();
    assert.deepEqual(['A', 'A', 'A'].map((text) => slugger.slug(text)), ['a', 'a-1', 'a-2']);
  });

  it('leaves inline HTML out of a heading\'s text and id, and takes a leading <a name> as the id', () => {
    const file = parseMarkdown('/kb/a.md', '# T\n\n## Sign in <span class="badge">New</span>\n\n## <a name="legacy"></a>Old title\n');
    assert.deepEqual(file.headings.map((heading) => [heading.text, heading.slug]), [['T', 't'], ['Sign in New', 'sign-in-new'], ['Old title', 'legacy']]);
    assert.ok(file.anchors.has('legacy'));
    assert.ok(!file.anchors.has('old-title'));
  });

  it('makes tab headings neither headings nor anchors', () => {
    const file = parseMarkdown('/kb/a.md', '# T\n\n# [Windows](#tab/windows)\n\nSteps.\n\n# [macOS](#tab/macos)\n\nSteps.\n\n---\n');
    assert.deepEqual(file.headings.map((heading) => heading.text), ['T']);
    assert.deepEqual([...file.anchors], ['t']);
  });

  it('collects every HTML id and name, quoted or not, in its exact case, but not from comments', () => {
    const file = parseMarkdown('/kb/a.md', 'Text <span id=plain></span> <a name=\'single\'></a> <div ID="Upper"></div> <!-- <a id="hidden"></a> -->\n');
    assert.deepEqual([...file.anchors].sort(), ['Upper', 'plain', 'single']);
  });
});

describe('Learn references', () => {
  it('extracts code snippets, lightboxes, includes and HTML links and images with their kinds', () => {
    const text = [
      ':::code language="csharp" source="snippets/a.cs" range="1-5":::',
      '',
      '[!code-csharp[](snippets/b.cs?name=main)]',
      '',
      ':::image type="content" source="media/c.png" alt-text="C" lightbox="media/c-large.png":::',
      '',
      '[!INCLUDE [label](includes/d.md)]',
      '',
      'See <a href="e.md#x">e</a> and <img src="media/f.png" alt="F">.',
    ].join('\n');
    const file = parseMarkdown('/kb/a.md', text);
    const found = file.links.map((link) => {
      const start = file.document.offsetAt(link.urlRange.start);
      return [link.kind, link.url, text.slice(start, file.document.offsetAt(link.urlRange.end))];
    });
    assert.deepEqual(found, [
      ['code', 'snippets/a.cs', 'snippets/a.cs'],
      ['code', 'snippets/b.cs?name=main', 'snippets/b.cs?name=main'],
      ['learn-image', 'media/c.png', 'media/c.png'],
      ['learn-lightbox', 'media/c-large.png', 'media/c-large.png'],
      ['include', 'includes/d.md', 'includes/d.md'],
      ['link', 'e.md#x', 'e.md#x'],
      ['image', 'media/f.png', 'media/f.png'],
    ]);
    assert.deepEqual(file.links.map((link) => targetNoun(link.kind)), ['Code snippet', 'Code snippet', 'Image', 'Image', 'Include', 'Link target', 'Image']);
  });
});

describe('prose spans', () => {
  it('leave out text inside HTML <code> and <kbd>', () => {
    const prose = proseOf('Run <code>Set-Outlook anywhere</code> or press <kbd>Ctrl</kbd> now.\n');
    assert.ok(!prose.includes('Set-Outlook'), prose);
    assert.ok(!prose.includes('Ctrl'), prose);
    assert.ok(prose.includes('Run') && prose.includes('now.'), prose);
  });

  it('leave out paths and registry keys written with backslashes, escaped or not', () => {
    const prose = proseOf('Open HKEY\\_CURRENT\\_USER\\\\Software\\\\Outlook anywhere then C:\\Program Files\\Outlook today, not \\*stars\\*.\n');
    assert.ok(!prose.includes('Software'), prose);
    assert.ok(!prose.includes('Program'), prose);
    assert.ok(!prose.includes('Files\\Outlook'), prose);
    assert.ok(prose.includes('Open') && prose.includes('anywhere then') && prose.includes('today'), prose);
    assert.ok(prose.includes('stars'), 'an escaped punctuation character is no path');
  });

  it('leave out virtual directories and other words that start with a slash, but not and/or', () => {
    const prose = proseOf('SSL is required on /PowerShell and /Rpc, and (/owa) too, and/or ~/includes.\n');
    for (const hidden of ['PowerShell', 'Rpc', 'owa', 'includes']) assert.ok(!prose.includes(hidden), `${hidden} in ${prose}`);
    assert.ok(prose.includes('and/or'), prose);
  });

  it('leave out include labels, Learn directives, extensions and autolinks', () => {
    const prose = proseOf([
      '[!INCLUDE [Include label](includes/a.md)]',
      '',
      '::: zone pivot="zone-name"',
      '',
      'Zone text.',
      '',
      '::: zone-end',
      '',
      '> [!div class="nextstepaction"]',
      '> [Next step](b.md)',
      '',
      'See <xref:System.String> here.',
    ].join('\n'));
    for (const hidden of ['Include label', 'INCLUDE', 'zone-name', 'zone-end', 'nextstepaction', 'System.String']) assert.ok(!prose.includes(hidden), `${hidden} in ${prose}`);
    for (const shown of ['Zone text.', 'Next step', 'See ', ' here.']) assert.ok(prose.includes(shown), `${shown} missing from ${prose}`);
  });
});

describe('sentences', () => {
  it('make HTML code and bracketed extensions opaque', () => {
    const texts = sentencesOf(parseMarkdown('/kb/a.md', 'Run <code>Outlook /safe</code> first.\n\n> [!div class="nextstepaction"]\n> [Next](b.md)\n')).map((sentence) => sentence.text);
    assert.ok(texts.every((text) => !text.includes('Outlook') && !text.includes('nextstepaction')), texts.join(' | '));
    assert.ok(texts.some((text) => text.startsWith('Run ')), texts.join(' | '));
  });
});
