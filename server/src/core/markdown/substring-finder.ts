import { escapeRegExp } from '../escape-regexp.js';

/** Longer words are searched for one by one: the expression nests a group per branching of the words, and its depth is the input's to choose. */
const MAX_EXPRESSION_WORD = 64;

/**
 * A search for which of `words` occur in a text, anywhere (as substrings),
 * made once for the list and run in one pass over each text: the same set
 * as `words.filter((word) => text.includes(word))`, at a fraction of the
 * cost when most of the words are absent (each `includes` reads the whole
 * text for an absent word). Empty words occur in every text.
 *
 * One regular expression tries the words at each offset, inside a
 * lookahead so that matches may overlap. Its alternatives form a trie of
 * the words (`(?:a(?:nd|s|)|...)`), longer continuations tried before a
 * word's end, so that an offset costs the length of the longest word there
 * rather than a try of every word. Only the longest word found at an offset
 * is reported; the others found there are its prefixes, which the list of
 * each word's prefixes adds.
 */
export function substringFinder(words: readonly string[]): (text: string) => ReadonlySet<string> {
  const distinct = [...new Set(words)];
  const inExpression = distinct.filter((word) => word.length > 0 && word.length <= MAX_EXPRESSION_WORD);
  const oneByOne = distinct.filter((word) => word.length === 0 || word.length > MAX_EXPRESSION_WORD);
  const trie = trieOf(inExpression);
  const prefixesOf = new Map(inExpression.map((word) => [word, wordsAlong(trie, word)]));
  const searchAlone = (text: string): Set<string> => new Set(distinct.filter((word) => text.includes(word)));
  let pattern = inExpression.length === 0 ? undefined : wordsExpression(trie);
  return (text) => {
    // No words for an expression, or too many for V8 to compile one: each word is searched for alone.
    if (pattern === undefined) return searchAlone(text);
    try {
      return searchWith(pattern, text, prefixesOf, new Set(oneByOne.filter((word) => text.includes(word))));
    } catch {
      // V8 compiles an expression when it first runs it, once per kind of string (one byte or two bytes per character), and may only then find it too large.
      pattern = undefined;
      return searchAlone(text);
    }
  };
}

/** Adds to `found` the words `pattern` finds in `text`, and their prefixes that are words. */
function searchWith(pattern: RegExp, text: string, prefixesOf: ReadonlyMap<string, readonly string[]>, found: Set<string>): Set<string> {
  pattern.lastIndex = 0;
  // `exec` rather than `matchAll`, whose iterator costs about as much as the search.
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const longest = match[1] ?? '';
    if (!found.has(longest)) for (const prefix of prefixesOf.get(longest) ?? []) found.add(prefix);
    pattern.lastIndex = match.index + 1;
  }
  return found;
}

/** The lookahead over the words of `trie`; `undefined` when the expression is too large to compile (V8 has a limit, and the words are the KB's to choose). */
function wordsExpression(trie: TrieNode): RegExp | undefined {
  try {
    return new RegExp(`(?=(${trieExpression(trie)}))`, 'g');
  } catch {
    return undefined;
  }
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  isWord: boolean;
}

function trieOf(words: readonly string[]): TrieNode {
  const root: TrieNode = { next: new Map(), isWord: false };
  for (const word of words) {
    let node = root;
    for (const character of word) {
      let child = node.next.get(character);
      if (child === undefined) node.next.set(character, (child = { next: new Map(), isWord: false }));
      node = child;
    }
    node.isWord = true;
  }
  return root;
}

/** The words of `trie` that `word` starts with, itself included: those ending on its path. */
function wordsAlong(trie: TrieNode, word: string): string[] {
  const found: string[] = [];
  let node: TrieNode | undefined = trie;
  let length = 0;
  for (const character of word) {
    node = node.next.get(character);
    if (node === undefined) break;
    length += character.length;
    if (node.isWord) found.push(word.slice(0, length));
  }
  return found;
}

/** The alternation of the trie's words as one expression: one branch per next character, a word's end tried after its continuations. */
function trieExpression(node: TrieNode): string {
  const alternatives = [...node.next].map(([character, child]) => escapeRegExp(character) + trieExpression(child));
  if (node.isWord) alternatives.push('');
  return alternatives.length === 1 ? (alternatives[0] ?? '') : `(?:${alternatives.join('|')})`;
}

