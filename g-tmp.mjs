import { AstBuilder, GherkinClassicTokenMatcher, Parser, Errors } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
const src = process.argv[2];
const builder = new AstBuilder(IdGenerator.incrementing());
const p = new Parser(builder, new GherkinClassicTokenMatcher());
try { const d = p.parse(src); console.log(JSON.stringify(d,null,1).slice(0,3000)); }
catch (e) { console.log('ERR', e.constructor.name, e.message, (e.errors||[]).map(x=>[x.constructor.name, x.location])); console.log(JSON.stringify(builder.getResult(), null, 1)?.slice(0,2500)); }
