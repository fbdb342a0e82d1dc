// The offline free-text responsibility matcher (server/src/core/match.ts): SPEC examples, the scope
// prior between paired ids, off-model text, abbreviations, and a regression floor on the labelled
// statements of test/freetext/statements.jsonl (see scripts/eval-freetext.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { core } from '../helpers.mjs';
import { existsSync } from 'node:fs';
import { evaluate, VERBATIM_DEV, VERBATIM_SEALED } from '../../scripts/eval-freetext.mjs';

const require = createRequire(import.meta.url);
const match = require('../../server/out/core/match.js');
const model = core.loadBuiltinModel('sales-leadership').model;
const id = (text, scope) => core.matchResponsibility(text, model, scope).id ?? null;

test('SPEC example: "Own the annual sales budget" is budget-management, whatever the role level', () => {
  assert.equal(id('Own the annual sales budget', 'organization'), 'budget-management');
  assert.equal(id('Own the annual sales budget', 'region'), 'budget-management');
});

test('"Coach the regional reps" on a regional role is regional-team-leadership', () => {
  assert.equal(id('Coach the regional reps', 'region'), 'regional-team-leadership');
});

test('paired ids: the role level decides between sales-strategy and regional-sales-plan', () => {
  assert.equal(id('Develop the sales plan', 'organization'), 'sales-strategy');
  assert.equal(id('Develop the sales plan', 'region'), 'regional-sales-plan');
  assert.equal(id('Sales strategy', 'organization'), 'sales-strategy');
  assert.equal(id('Sales strategy', 'region'), 'regional-sales-plan');
});

test('scope words in the text outweigh the role level', () => {
  assert.equal(id('Set the company-wide sales strategy', 'region'), 'sales-strategy');
  assert.equal(id('Develop the territory plan', 'organization'), 'regional-sales-plan');
  assert.equal(id('Coach the regional reps', 'organization'), 'regional-team-leadership');
});

test('team leadership at two levels: the role level decides', () => {
  assert.equal(id('Coaching', 'organization'), 'sales-team-management');
  assert.equal(id('Coaching', 'region'), 'regional-team-leadership');
  assert.equal(id('Motivate the team to achieve its targets', 'organization'), 'sales-team-management');
  assert.equal(id('Motivate the team to achieve its targets', 'region'), 'regional-team-leadership');
});

test('an org-wide duty written on a regional role is still that duty (responsibility-out-of-scope reports it)', () => {
  assert.equal(id('Recruit and train new sales representatives', 'region'), 'talent-development');
  assert.equal(id('Quarterly sales forecast for the CFO', 'region'), 'revenue-forecasting');
  assert.equal(id('key account management', 'organization'), 'key-account-relationships');
});

const ids = (text, scope) => core.matchResponsibility(text, model, scope).ids;

test('coordinated duties: each joined verb phrase names its id, in text order (issue #12)', () => {
  const cases = [
    ['Forecast sales revenue and manage the sales budget', 'organization', ['revenue-forecasting', 'budget-management']],
    ['Forecast sales revenue and develop budgets to ensure that sales targets are met.', 'organization', ['revenue-forecasting', 'budget-management']],
    ['Build the annual sales budget and report sales KPIs to the board', 'organization', ['budget-management', 'performance-reporting']],
    // The other order gives the other order.
    ['Report sales KPIs to the board and build the annual sales budget', 'organization', ['performance-reporting', 'budget-management']],
    ['Own the annual sales budget', 'organization', ['budget-management']],
  ];
  for (const [text, scope, expected] of cases) {
    const result = core.matchResponsibility(text, model, scope);
    assert.deepEqual(result.ids, expected, `${JSON.stringify(text)} (${scope})`);
    assert.equal(result.id, expected[0], 'id is the first of ids');
    assert.equal(result.notDuty, undefined);
  }
});

test('coordinated verbs on one duty give that one id, not a copy per verb', () => {
  assert.deepEqual(ids('Recruit and train new sales representatives', 'organization'), ['talent-development']);
  assert.deepEqual(ids('Hiring, onboarding and training of new account executives', 'organization'), ['talent-development']);
  assert.deepEqual(ids('Develop and manage the sales budget', 'organization'), ['budget-management']);
});

test('a purpose or manner phrase adds no id', () => {
  assert.deepEqual(ids('Coach the regional sales reps with weekly ride-alongs', 'region'), ['regional-team-leadership']);
  assert.deepEqual(ids('Motivate the team to achieve its targets', 'region'), ['regional-team-leadership']);
  assert.deepEqual(ids('Manage the sales budget to ensure that the forecast is met', 'organization'), ['budget-management']);
  // "with" naming a partner is the duty itself, not its manner.
  assert.deepEqual(ids('Collaborate closely with product management and customer success', 'organization'), ['cross-functional-alignment']);
});

test('requirements and traits are not duties: unmatched, with notDuty', () => {
  for (const [text, scope] of [
    ['Minimum of 10 years experience in software sales.', 'organization'],
    ['10+ years of B2B sales leadership experience', 'organization'],
    ["Bachelor's degree in business or a related field", 'region'],
    ["You're collegial and love to win as a team", 'organization'],
    ['Proven track record of exceeding quota', 'region'],
    ['Excellent communication and presentation skills', 'organization'],
    ['Close deals yourself', 'region'],
  ]) {
    const result = core.matchResponsibility(text, model, scope);
    assert.deepEqual(result.ids, [], `${JSON.stringify(text)} (${scope})`);
    assert.equal(result.id, undefined);
    assert.equal(result.notDuty, 'requirement', `${JSON.stringify(text)} reads as a requirement`);
  }
});

test('duties and off-model chores are not requirements', () => {
  for (const [text, scope] of [
    ['Own the annual sales budget', 'organization'],
    ['You are responsible for the regional sales plan', 'region'],
    ['Maintain the office plants', 'organization'],
    ['Run the company payroll', 'organization'],
    ['Develop the selling skills of the regional reps', 'region'],
    ['Sales skills training for new hires', 'organization'],
    ['Hire reps with 5 years of experience in the region', 'region'],
  ]) {
    assert.equal(core.matchResponsibility(text, model, scope).notDuty, undefined, `${JSON.stringify(text)} (${scope})`);
  }
});

test('off-model text stays unmatched, even with a sales word in it', () => {
  for (const [text, scope] of [
    ['Maintain the office plants', 'organization'],
    ['Water the office plants', 'region'],
    ['Organize the summer party', 'organization'],
    ['Plan the company picnic', 'organization'],
    ['Approve travel expenses', 'organization'],
    ['Ensure GDPR compliance of the CRM', 'organization'],
    ['Run the company payroll', 'organization'],
    ['Negotiate the lease for the new office', 'organization'],
    ['Fix IT issues on the sales laptops', 'organization'],
    ['Book flights and hotels for the team', 'region'],
    ['Forecast cash flow for the treasury team', 'organization'],
    ['Recruit engineers for the platform team', 'organization'],
    ['Accounts payable and invoicing', 'organization'],
    ['Repair the printer in the Munich office', 'region'],
    ['', 'organization'],
    ['the and of', 'organization'],
  ]) {
    assert.equal(id(text, scope), null, `${JSON.stringify(text)} (${scope})`);
  }
});

test('unmatched text still gets did-you-mean candidates, best first', () => {
  const { id: matched, candidates } = core.matchResponsibility('Plan the company picnic', model, 'organization');
  assert.equal(matched, undefined);
  assert.equal(candidates[0].id, 'sales-strategy');
  assert.ok(candidates[0].score >= 0.2, 'good enough for did-you-mean');
  assert.ok(candidates.length <= 3);
  for (let i = 1; i < candidates.length; i++) assert.ok(candidates[i - 1].score >= candidates[i].score);
});

test('abbreviations and shorthand of job postings', () => {
  const cases = [
    ['Own the sales P&L', 'organization', 'budget-management'],
    ['KPI reporting to the board', 'organization', 'performance-reporting'],
    ['Set annual OKRs for the sales organization', 'organization', 'sales-strategy'],
    ['GTM strategy', 'organization', 'sales-strategy'],
    ['CRM administration', 'organization', 'sales-operations'],
    ['RevOps', 'organization', 'sales-operations'],
    ['NPS surveys', 'organization', 'customer-insights'],
    ['QBRs with key customers', 'region', 'key-account-relationships'],
    ['Weekly 1:1s with every rep', 'region', 'regional-team-leadership'],
    ['Hire three new AEs for the region', 'region', 'talent-development'],
    ['Pipeline reviews and the commit call', 'organization', 'revenue-forecasting'],
    ['Build pipeline in DACH', 'region', 'regional-business-development'],
    ['Competitive intelligence for APAC', 'region', 'regional-market-insights'],
  ];
  for (const [text, scope, expected] of cases) assert.equal(id(text, scope), expected, `${JSON.stringify(text)} (${scope})`);
});

test('phrasing variety: verbs first, nouns only, long sentences', () => {
  const cases = [
    ['Recruiting', 'organization', 'talent-development'],
    ['Hiring, onboarding and training of new account executives', 'organization', 'talent-development'],
    ['Sales and marketing alignment', 'organization', 'cross-functional-alignment'],
    ['Collaborate closely with product management and customer success', 'organization', 'cross-functional-alignment'],
    ['Forecasting', 'organization', 'revenue-forecasting'],
    ['Responsible for preparing an accurate quarterly revenue forecast and explaining the variances to the CFO', 'organization', 'revenue-forecasting'],
    ['Identify and win new customers in untapped parts of the territory', 'region', 'regional-business-development'],
    ['Track competitor activity in the region', 'region', 'regional-market-insights'],
    ['Build lasting relationships with our largest clients', 'region', 'key-account-relationships'],
  ];
  for (const [text, scope, expected] of cases) assert.equal(id(text, scope), expected, `${JSON.stringify(text)} (${scope})`);
});

test('every alias and title of the built-in model matches its own id at its own level', () => {
  for (const def of model.responsibilities.values()) {
    for (const text of [def.title, ...def.aliases]) assert.equal(id(text, def.scope), def.id, `${JSON.stringify(text)} (${def.scope})`);
    // SPEC: an id-like entry is never free text, so an id-like alias could never be matched.
    for (const alias of def.aliases) assert.equal(match.isIdLike(alias), false, `alias ${JSON.stringify(alias)} of ${def.id} is id-like`);
  }
});

// A custom model brings its own vocabulary (issue #12 item 5): its aliases are matched exactly before
// any scoring, and its lexicon (not the sales one) decides which words mean the same.
const MARKETING_MODEL = (lexicon) => `model: marketing
scopes: [organization, region]
responsibilities:
  brand-positioning:
    title: Brand
    scope: organization
    aliases: [brand positioning]
  campaign-management:
    title: Campaigns
    scope: organization
    description: Plans and runs the marketing campaigns.
  marketing-budget:
    title: Marketing budget
    scope: organization
roles:
  cmo:
    title: CMO
    scope: organization
    requires: [brand-positioning, campaign-management, marketing-budget]
${lexicon}`;
const MARKETING_LEXICON = `lexicon:
  concepts:
    campaign: [campaign, promotion, product launch, go live]
    position: [positioning, messaging, value proposition]
  filler: [marketing, spring, autumn]
`;

test('a custom model: its own exact alias matches its responsibility, its lexicon drives the rest', () => {
  const parsed = core.parseRoleModel(MARKETING_MODEL(MARKETING_LEXICON), 'marketing.roles.yaml');
  assert.ok(parsed.ok, parsed.error);
  const m = parsed.model;
  const matchIn = (text) => core.matchResponsibility(text, m, 'organization').ids;
  // The bug of the issue: the sales lexicon mapped brand and campaign onto one concept.
  assert.deepEqual(matchIn('brand positioning'), ['brand-positioning']);
  assert.deepEqual(matchIn('Brand Positioning'), ['brand-positioning']);
  assert.deepEqual(matchIn('Marketing budget'), ['marketing-budget']);
  // Words the model never uses, understood through its lexicon only.
  assert.deepEqual(matchIn('Run the spring promotions'), ['campaign-management']);
  assert.deepEqual(matchIn('Own the value proposition'), ['brand-positioning']);
  // The same model without a lexicon: the model's own words still match, the lexicon's do not.
  const bare = core.parseRoleModel(MARKETING_MODEL(''), 'marketing.roles.yaml');
  assert.ok(bare.ok, bare.error);
  assert.deepEqual(core.matchResponsibility('brand positioning', bare.model, 'organization').ids, ['brand-positioning']);
  assert.deepEqual(core.matchResponsibility('Run the spring promotions', bare.model, 'organization').ids, []);
  assert.deepEqual(core.matchResponsibility('Own the value proposition', bare.model, 'organization').ids, []);
  // The sales model's vocabulary does not leak into it: "coaching" means nothing to a marketing model.
  assert.deepEqual(matchIn('Coaching'), []);
});

test('a lexicon is validated by the role-model schema', () => {
  const bad = core.parseRoleModel(MARKETING_MODEL('lexicon:\n  concepts:\n    campaign: campaign\n'), 'marketing.roles.yaml');
  assert.equal(bad.ok, false);
  const unknown = core.parseRoleModel(MARKETING_MODEL('lexicon:\n  synonyms: {}\n'), 'marketing.roles.yaml');
  assert.equal(unknown.ok, false);
  assert.match(unknown.error, /synonyms/);
});

test('the built-in model carries its vocabulary as data', () => {
  assert.ok(model.lexicon, 'sales-leadership has a lexicon');
  assert.ok(model.lexicon.concepts.get('forecast').includes('commit call'));
  assert.ok(model.lexicon.scopeCues.get('region').includes('territory'));
});

test('deterministic, and fast: 10,000 matches in well under a few seconds', () => {
  const texts = [
    'Own the annual sales budget',
    'Coach the regional reps',
    'Maintain the office plants',
    'Develop and execute localized sales plans to capture market opportunities',
    // Long, verbatim: preamble, heading, several clauses, a requirement.
    'Budget Management: Zonal Business Managers often have financial responsibility for their zone, which includes managing budgets, controlling costs, and ensuring that financial objectives are met.',
    'The VP of Sales also develops and manages the sales department budget.',
    'Minimum of 10 years experience in software sales.',
  ];
  const first = texts.map((t) => JSON.stringify(core.matchResponsibility(t, model, 'region')));
  for (let i = 0; i < 2000; i++) core.matchResponsibility(texts[i % texts.length], model, 'organization'); // warm-up
  // The best of three runs: the machine may be busy with other work.
  let ms = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 10000; i++) core.matchResponsibility(texts[i % texts.length], model, i % 2 ? 'region' : 'organization');
    ms = Math.min(ms, Number(process.hrtime.bigint() - start) / 1e6);
  }
  // An order-of-magnitude guard (well under a second on an idle machine, see scripts/eval-freetext.mjs):
  // a quadratic step or a per-call rebuild of the index would exceed it many times over.
  assert.ok(ms < 4000, `10,000 matches took ${ms.toFixed(0)} ms`);
  assert.deepEqual(texts.map((t) => JSON.stringify(core.matchResponsibility(t, model, 'region'))), first);
});

test('preambles, headings and purpose tails are cut before matching; the clauses are what is left', () => {
  const cases = [
    ['The VP of Sales also develops and manages the sales department budget.', 'develops and manages the sales department budget.', undefined],
    ['In this role, you will coach the sales managers', 'coach the sales managers', undefined],
    ['Sales Forecasting and Budgeting: prepare the quarterly revenue forecast for the CFO.', 'prepare the quarterly revenue forecast for the CFO.', 'Sales Forecasting and Budgeting'],
    ['He/ she is responsible for overseeing sales operations', 'overseeing sales operations', undefined],
    // An imperative keeps its words: "Report ... to the Head of Sales" has no subject to cut.
    ['Report regional results to the Head of Sales every month', 'Report regional results to the Head of Sales every month', undefined],
    ['Hold the reps accountable for activity and results', 'Hold the reps accountable for activity and results', undefined],
  ];
  for (const [text, body, heading] of cases) {
    const seen = match.explainSegmentation(text);
    assert.equal(seen.body, body, JSON.stringify(text));
    assert.equal(seen.heading, heading, JSON.stringify(text));
  }
  assert.deepEqual(match.explainSegmentation('Forecast sales revenue and develop budgets to ensure that sales targets are met.').clauses, [
    'Forecast sales revenue',
    'develop budgets',
  ]);
  assert.deepEqual(match.explainSegmentation('Recruit, train and mentor new sales representatives').clauses, ['Recruit, train and mentor new sales representatives']);
});

test('long verbatim sentences name their duty through the preamble and the company names', () => {
  const cases = [
    ['The VP of Sales also develops and manages the sales department budget.', 'organization', ['budget-management']],
    ['Responsible for the annual sales budget of Acme Corp\'s EMEA division', 'organization', ['budget-management']],
    ['In this role, you will coach the sales managers and hold them accountable for their numbers.', 'organization', ['sales-team-management']],
    ['Sales Forecasting and Budgeting: prepare the quarterly revenue forecast for the CFO.', 'organization', ['revenue-forecasting']],
    ['Coach reps weekly: call reviews, pipeline reviews, messaging, and roleplays.', 'organization', ['sales-team-management']],
  ];
  for (const [text, scope, expected] of cases) assert.deepEqual(ids(text, scope), expected, `${JSON.stringify(text)} (${scope})`);
});

test('the exported helpers keep their shape', () => {
  assert.equal(typeof match.matchResponsibility, 'function');
  assert.equal(match.isIdLike('key-accounts'), true);
  assert.equal(match.isIdLike('Key accounts'), false);
  assert.equal(match.stem('forecasting'), match.stem('forecasts'));
  assert.equal(match.stem('hiring'), match.stem('hire'));
  assert.equal(match.stem('analyse'), match.stem('analyze'));
  assert.deepEqual(match.tokens('Own the budgets'), [match.stem('budget')]);
  assert.deepEqual(match.tokens('the budgets', false), ['the', match.stem('budget')]);
});

// Regression floor on the labelled statements. The figures reached when this was written are in the
// comments; the floors leave a small margin so that only a change that breaks matching fails.
// See test/freetext/README.md for what each split is and how it was used.
test('regression floor on the labelled statements (dev, held-out and the fresh sets)', async () => {
  const result = await evaluate();
  const floors = {
    dev: { accuracy: 0.93, macroF1: 0.94 }, // reached 0.965 / 0.971
    heldout: { accuracy: 0.92, macroF1: 0.92 }, // reached 0.950 / 0.956
    fresh: { accuracy: 0.89, macroF1: 0.90 }, // reached 0.928 / 0.945
    fresh2: { accuracy: 0.89, macroF1: 0.89 }, // reached 0.926 / 0.927
    fresh3: { accuracy: 0.93, macroF1: 0.93 }, // reached 0.968 / 0.970
  };
  for (const [split, floor] of Object.entries(floors)) {
    const s = result[split];
    assert.ok(s, `split ${split} present`);
    assert.ok(s.accuracy >= floor.accuracy, `${split} accuracy ${s.accuracy.toFixed(3)} < ${floor.accuracy}`);
    assert.ok(s.macroF1 >= floor.macroF1, `${split} macro-F1 ${s.macroF1.toFixed(3)} < ${floor.macroF1}`);
  }
  // Off-model text wrongly matched stays rare (it would turn a warning into a silent "fix").
  assert.ok(result.all.falseMatches <= 3, `${result.all.falseMatches} off-model statements matched`);
});

// The verbatim development part (test/freetext/verbatim-dev.jsonl, tuned on): long sentences copied
// from public job descriptions, labelled with every id they name. Reached: accuracy 0.569, macro-F1
// 0.556, abstention 0.289, precision of answered 0.616, 8 of 105 requirement/other statements
// matched, 63 of 77 requirements flagged notDuty (was 0.508 / 0.503 / 0.404 / 0.606 / 11 / 59).
// Far from the target (see README).
test('regression floor on the verbatim development part', { skip: !existsSync(VERBATIM_DEV) && 'test/freetext/verbatim-dev.jsonl is absent' }, async () => {
  const s = (await evaluate({ splits: ['verbatim-dev'] }))['verbatim-dev'];
  assert.ok(s.accuracy >= 0.54, `accuracy ${s.accuracy.toFixed(3)}`);
  assert.ok(s.macroF1 >= 0.53, `macro-F1 ${s.macroF1.toFixed(3)}`);
  assert.ok(s.abstention <= 0.32, `abstention ${s.abstention.toFixed(3)}`);
  assert.ok(s.answeredPrecision >= 0.59, `precision of answered ${s.answeredPrecision.toFixed(3)}`);
  assert.ok(s.falseMatches <= 11, `${s.falseMatches} requirement/other statements matched`);
  assert.ok(s.requirementsFlagged >= 60, `${s.requirementsFlagged} requirements flagged notDuty`);
});

// The first sealed part (test/freetext/verbatim-sealed.jsonl) was run once and is now a regression
// set like the development part. Reached: accuracy 0.503, abstention 0.329, precision of answered
// 0.598, 15 of 64 requirement/other statements matched (at its sealed run: 0.434 / 0.440 / 0.570 / 17).
test('regression floor on the burned first sealed part', { skip: !existsSync(VERBATIM_SEALED) && 'test/freetext/verbatim-sealed.jsonl is absent' }, async () => {
  const s = (await evaluate({ splits: ['verbatim-sealed'] }))['verbatim-sealed'];
  assert.ok(s.accuracy >= 0.47, `accuracy ${s.accuracy.toFixed(3)}`);
  assert.ok(s.abstention <= 0.36, `abstention ${s.abstention.toFixed(3)}`);
  assert.ok(s.answeredPrecision >= 0.56, `precision of answered ${s.answeredPrecision.toFixed(3)}`);
  assert.ok(s.falseMatches <= 18, `${s.falseMatches} requirement/other statements matched`);
});

test('a reporting line names no duty; reporting results to someone does', () => {
  assert.deepEqual(ids('The Director of Sales reports to the General Manager.', 'organization'), []);
  assert.deepEqual(ids('Report sales results to the executive team', 'organization'), ['performance-reporting']);
  // The reporting line of a duty sentence adds no id.
  assert.deepEqual(ids('Manages the sales team and reports to the CEO', 'organization'), ['sales-team-management']);
});

test('"sales-related" is no relationship, and aligning with goals is no cross-functional work', () => {
  assert.deepEqual(ids('Responsible for all sales-related issues', 'organization'), []);
  assert.deepEqual(ids('Create a sales strategy that aligns with the company’s business goals', 'organization'), ['sales-strategy']);
  assert.deepEqual(ids('Align sales goals with marketing', 'organization'), ['cross-functional-alignment']);
});

test('the lexicon reads field-sales words: FMCG targets, distribution networks, KOLs, team performance', () => {
  assert.deepEqual(ids('Achieve monthly primary and secondary sales targets', 'region'), ['regional-sales-plan']);
  assert.deepEqual(ids('Expand the distribution network in the territory', 'region'), ['regional-business-development']);
  assert.deepEqual(ids('Strengthen KOL relationships', 'region'), ['key-account-relationships']);
  assert.deepEqual(ids('Evaluate team performance', 'organization'), ['sales-team-management']);
  assert.deepEqual(ids('Prepare the team performance report', 'organization'), ['performance-reporting']);
});
