/**
 * Which top-level blocks of successive parses of a document are one block,
 * moved. An incremental re-parse (`reparse-markdown.ts`) keeps the blocks
 * before an edit as they were and the blocks after it as moved copies, with
 * the same text at offsets moved by the edit's length change; it records each
 * copy here. Work derived from a block alone (its sentences) can then be
 * reused for the copy, moved, instead of being done again. Blocks of a fresh
 * parse have a lineage of their own.
 */

/** The block's first ancestor (a token standing for it) and how far the block has moved from it, in characters. */
export interface BlockLineage {
  readonly origin: object;
  readonly offset: number;
}

const lineages = new WeakMap<object, BlockLineage>();

/** The lineage of a top-level block: recorded by a re-parse, else the block starts its own, at offset 0. */
export function blockLineage(block: object): BlockLineage {
  let lineage = lineages.get(block);
  if (lineage === undefined) {
    // A token rather than the block itself, so that a copy does not keep its ancestor's tree alive.
    lineage = { origin: {}, offset: 0 };
    lineages.set(block, lineage);
  }
  return lineage;
}

/** Records that `copy` is `block` with the same text, `offset` characters further; returns `copy`. */
export function recordMovedBlock<T extends object>(block: object, copy: T, offset: number): T {
  const lineage = blockLineage(block);
  lineages.set(copy, { origin: lineage.origin, offset: lineage.offset + offset });
  return copy;
}
