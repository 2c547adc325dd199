/**
 * Reads the parts of a model file that speak about a finished run: its
 * outcomes, the summary the scenario-title hover shows, and the decision
 * table page.
 */
import type { ConditionValue, DecisionTableSpec, InsteadClause, ModelEventDeclaration, ModelOutcome, ModelSummary } from './model-types.js';
import type { ModelCompiler } from './read-model.js';
import { type YamlNode, isSeq, scalarValue } from './yaml-reader.js';

const OUTCOME_KEYS = ['name', 'values', 'value', 'says', 'because', 'unless', 'known', 'noOpinion', 'instead', 'prevents', 'absent', 'holds', 'fails', 'description'];

/** Reads one outcome; `undefined` (with problems reported) when it cannot be used. */
export function readOutcome(compiler: ModelCompiler, node: YamlNode, outcomeNames: readonly string[]): ModelOutcome | undefined {
  const reader = compiler.reader;
  reader.onlyKeys(node, OUTCOME_KEYS, 'an outcome');
  const name = reader.text(node, 'name', 'Each outcome', true);
  if (name === undefined) return undefined;
  const what = `outcome \`${name}\``;
  if (reader.field(node, 'prevents') !== undefined) {
    const problem = compiler.expression(reader.field(node, 'prevents'), `\`prevents\` of ${what}`);
    const absentNode = reader.field(node, 'absent');
    const absentOutcome = reader.text(absentNode, 'outcome', `\`absent\` of ${what}`, true);
    if (absentOutcome !== undefined && !outcomeNames.includes(absentOutcome)) reader.problem(absentNode?.range, `\`absent.outcome\` of ${what} names \`${absentOutcome}\`, which is not an outcome.`);
    const absentValue = compiler.expression(reader.field(absentNode, 'value'), `\`absent.value\` of ${what}`);
    const absentExplanation = compiler.template(reader.field(absentNode, 'explanation'), `\`absent.explanation\` of ${what}`);
    const holds = compiler.template(reader.field(node, 'holds'), `\`holds\` of ${what}`, ['changes']);
    const fails = compiler.template(reader.field(node, 'fails'), `\`fails\` of ${what}`, ['changes']);
    if (problem === undefined || absentOutcome === undefined || absentValue === undefined || absentExplanation === undefined || holds === undefined || fails === undefined) {
      reader.problem(node.range, `${what} prevents a problem, so it needs \`prevents\`, \`absent\` (\`outcome\`, \`value\`, \`explanation\`), \`holds\` and \`fails\`.`);
      return undefined;
    }
    return { kind: 'prevents', name, problem, absent: { outcome: absentOutcome, value: absentValue, explanation: absentExplanation }, holds, fails, range: reader.range(node.range) };
  }
  const valuesNode = reader.field(node, 'values');
  const isText = scalarValue(valuesNode) === 'text';
  const values = isSeq(valuesNode) ? valuesNode.items.map((item) => scalarValue(item as YamlNode)) : [];
  if (!isText && (values.length === 0 || values.some((value) => value === undefined))) {
    reader.problem(valuesNode?.range ?? node.range, `${what} needs \`values\`: a list, or \`text\` for free text.`);
    return undefined;
  }
  const value = compiler.expression(reader.field(node, 'value'), `\`value\` of ${what}`);
  const says = compiler.phrasing(reader.field(node, 'says'), `\`says\` of ${what}`, isText ? undefined : (values as ConditionValue[]));
  const because = compiler.template(reader.field(node, 'because'), `\`because\` of ${what}`);
  if (value === undefined || says === undefined || because === undefined) {
    reader.problem(node.range, `${what} needs \`value\` (a CEL expression), \`says\` and \`because\`.`);
    return undefined;
  }
  const unlessNode = reader.field(node, 'unless');
  const unlessWhen = compiler.expression(reader.field(unlessNode, 'when'), `\`unless.when\` of ${what}`);
  const unlessExplanation = compiler.template(reader.field(unlessNode, 'explanation'), `\`unless.explanation\` of ${what}`);
  const knownNode = reader.field(node, 'known');
  const known = isSeq(knownNode) ? knownNode.items.map((item) => String(scalarValue(item as YamlNode) ?? '')) : [];
  const instead = reader.items(node, 'instead', what).flatMap((item): InsteadClause[] => {
    const outcome = reader.text(item, 'outcome', `\`instead\` of ${what}`, true);
    if (outcome !== undefined && !outcomeNames.includes(outcome)) reader.problem(item.range, `\`instead\` of ${what} names \`${outcome}\`, which is not an outcome.`);
    const when = compiler.expression(reader.field(item, 'when'), `\`instead.when\` of ${what}`);
    const insteadValue = compiler.expression(reader.field(item, 'value'), `\`instead.value\` of ${what}`);
    return outcome === undefined || when === undefined || insteadValue === undefined ? [] : [{ outcome, when, value: insteadValue }];
  });
  return {
    kind: isText ? 'text' : 'values',
    name,
    values: isText ? [] : (values as ConditionValue[]),
    value,
    says,
    because,
    unless: unlessWhen === undefined || unlessExplanation === undefined ? undefined : { when: unlessWhen, explanation: unlessExplanation },
    known,
    noOpinion: compiler.template(reader.field(node, 'noOpinion'), `\`noOpinion\` of ${what}`, ['value']),
    instead,
    range: reader.range(node.range),
  };
}

/** Reads the `summary` of a model (rows of the scenario-title hover). */
export function readSummary(compiler: ModelCompiler, node: YamlNode | undefined): ModelSummary {
  const reader = compiler.reader;
  const rows = reader.items(node, 'rows', '`summary`').flatMap((row) => {
    const label = reader.text(row, 'label', 'A summary row', true);
    const text = compiler.template(reader.field(row, 'text'), `summary row "${label ?? ''}"`);
    return label === undefined || text === undefined ? [] : [{ label, text }];
  });
  return { rows, why: compiler.template(reader.field(node, 'why'), '`summary.why`') };
}

/** Reads the `table` of a model (its decision table page). */
export function readTable(compiler: ModelCompiler, node: YamlNode | undefined, events: readonly ModelEventDeclaration[]): DecisionTableSpec | undefined {
  if (node === undefined) return undefined;
  const reader = compiler.reader;
  const texts = (key: string): string[] => reader.items(node, key, '`table`').map((item) => String(scalarValue(item) ?? ''));
  const conditions = reader.items(node, 'conditions', '`table`', true).flatMap((item) => {
    const name = reader.text(item, 'name', 'A table condition', true);
    if (name === undefined) return [];
    if (!compiler.conditions.has(name)) {
      reader.problem(item.range, `The table lists \`${name}\`, which is not a condition.`);
      return [];
    }
    const cells = new Map(reader.entries(item, 'cells', `table condition \`${name}\``).map((entry) => [entry.key, String(scalarValue(entry.value) ?? '')]));
    return [{ name, heading: reader.text(item, 'heading', `table condition \`${name}\``) ?? name, cells }];
  });
  const sequencesNode = reader.field(node, 'sequences');
  const sequences = reader.items(sequencesNode, 'rows', '`table.sequences`', true).flatMap((item) => {
    const label = reader.text(item, 'label', 'A table sequence', true);
    const list = reader.field(item, 'events');
    const names = isSeq(list) ? list.items.map((event) => String(scalarValue(event as YamlNode) ?? '')) : [];
    const unknown = names.find((name) => !events.some((event) => event.name === name));
    if (unknown !== undefined) reader.problem(list?.range, `The table sequence "${label ?? ''}" names \`${unknown}\`, which is not an event.`);
    return label === undefined || unknown !== undefined ? [] : [{ label, events: names }];
  });
  const columns = reader.items(node, 'columns', '`table`', true).flatMap((item) => {
    const heading = reader.text(item, 'heading', 'A table column', true);
    const text = compiler.template(reader.field(item, 'text'), `table column "${heading ?? ''}"`);
    return heading === undefined || text === undefined ? [] : [{ heading, text }];
  });
  return {
    title: reader.text(node, 'title', '`table`', true) ?? '',
    intro: texts('intro'),
    conditions,
    sequences: { heading: reader.text(sequencesNode, 'heading', '`table.sequences`') ?? 'Events', rows: sequences },
    columns,
    notes: texts('notes'),
  };
}
