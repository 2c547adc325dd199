import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../../server/src/core/index.js';
import { domainClaim } from '../../../server/src/core/rules/domain-claim.js';
import { NodeFileSystem, toKbPath } from '../../../server/src/node/node-file-system.js';
import { REPOSITORY_ROOT } from '../../support/rule-fixtures.js';
import { CLAIM_FIXTURES, claimOf } from './support.js';

/** A finding of the reviewed corpus run, and the reviewer's verdict on it. */
interface ReviewedFinding {
  /** Path relative to the corpus root. */
  readonly file: string;
  /** One-based line where the sentence starts. */
  readonly line: number;
  readonly claim: string;
  readonly sentence: string;
  readonly verdict: 'true-positive' | 'false-positive';
  readonly note: string;
}

interface CorpusReview {
  readonly corpus: string;
  readonly articles: number;
  readonly findings: readonly ReviewedFinding[];
}

/** Each reviewed corpus and the file of its review. */
const REVIEWS: ReadonlyArray<readonly [corpus: string, review: string]> = [
  ['officedocs-support', 'corpus-review.json'],
  ['officedocs-exchange', 'corpus-review-exchange.json'],
];

for (const [corpusName, reviewFile] of REVIEWS) {
  const corpus = path.resolve(REPOSITORY_ROOT, '..', 'shared', 'corpus', corpusName);
  const review = JSON.parse(readFileSync(path.join(CLAIM_FIXTURES, reviewFile), 'utf8')) as CorpusReview;
  const skip = existsSync(corpus) ? false : `the corpus is not at ${path.relative(REPOSITORY_ROOT, corpus)} (relative to the repository root); the reviewed snapshot was not compared`;
  reviewCorpus(corpus, review, skip);
}

/** Compares the findings on `corpus` with its review; `skip` says why when the corpus is absent. */
function reviewCorpus(corpus: string, review: CorpusReview, skip: string | false): void {
  describe(`domain-claim on the reviewed corpus ${review.corpus}`, () => {
    it('has a verdict for every reviewed finding, and no false positive', () => {
      for (const finding of review.findings) assert.ok(['true-positive', 'false-positive'].includes(finding.verdict) && finding.note.trim() !== '', JSON.stringify(finding));
      assert.deepEqual(review.findings.filter((finding) => finding.verdict === 'false-positive'), []);
    });

    it('finds exactly the reviewed findings', { skip }, async () => {
      const engine = new Engine({ fs: new NodeFileSystem(), today: () => new Date(), bundledRoot: toKbPath(path.join(REPOSITORY_ROOT, 'kb')) });
      const kb = await engine.openKb(toKbPath(corpus));
      const articles = kb.articles();
      assert.equal(articles.length, review.articles, 'the corpus changed: review its findings again');
      const current: string[] = [];
      for (const article of articles) {
        for (const finding of engine.check(kb, article.path, { rules: [domainClaim] })) {
          const start = article.document.offsetAt(finding.range.start);
          const end = article.document.offsetAt(finding.range.end);
          current.push(describeFinding(path.posix.relative(kb.root, article.path), finding.range.start.line + 1, claimOf(finding), article.document.text.slice(start, end)));
        }
      }
      const reviewed = review.findings.map((finding) => describeFinding(finding.file, finding.line, finding.claim, finding.sentence));
      assert.deepEqual(current.sort(), reviewed.sort(), 'new or changed findings: read each one and record it with a verdict in the review file');
    });
  });
}

function describeFinding(file: string, line: number, claim: string, sentence: string): string {
  return `${file}:${line} [${claim}] ${sentence.replace(/\s+/g, ' ')}`;
}
