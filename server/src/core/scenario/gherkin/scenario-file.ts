import { TextDocument } from '../../text-document.js';
import { type ParsedScenarioFile, parseScenario } from './parse-scenario.js';

/** A parsed `.scenario` file as the engine stores it and rules receive it. */
export interface ScenarioFile extends ParsedScenarioFile {
  readonly kind: 'scenario';
  /** Absolute, forward-slash path. */
  readonly path: string;
  readonly document: TextDocument;
}

/** Parses a scenario file; syntax errors are in `errors`. Never throws. */
export function parseScenarioFile(path: string, text: string): ScenarioFile {
  return { kind: 'scenario', path, document: new TextDocument(path, text), ...parseScenario(text) };
}
