import { proposalsAsQuestionsJson, type ReportData } from '../../../src/core/signals/signalReport';
import { stripControlCharacters } from '../../../src/core/text/controlCharacters';

/** A chart rendered to inline SVG (scripts/lib/report/charts.mts). */
export interface ChartSvg {
  id: string;
  title: string;
  svg: string;
}

const escapeMarkup = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Escapes text for HTML; text people typed never becomes markup, nor a control character. */
export function escapeHtml(text: string | number): string {
  return escapeMarkup(stripControlCharacters(String(text)));
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);

/** A table with a caption, header cells scoped to columns, inside a region that scrolls on a phone. */
function table(id: string, caption: string, headers: string[], rows: (string | number)[][], raw = false): string {
  if (rows.length === 0) return `<p class="empty" id="${id}">${escapeHtml(caption)}: nothing recorded yet.</p>`;
  const cell = (value: string | number) => (raw ? String(value) : escapeHtml(value));
  return `<div class="table-wrap" role="region" aria-labelledby="${id}-caption" tabindex="0">
<table id="${id}"><caption id="${id}-caption">${escapeHtml(caption)}</caption>
<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${cell(v)}</th>` : `<td>${cell(v)}</td>`)).join('')}</tr>`).join('\n')}
</tbody></table></div>`;
}

function figure(chart: ChartSvg | undefined): string {
  if (!chart) return '';
  return `<figure class="chart" id="${chart.id}"><figcaption id="${chart.id}-caption">${escapeHtml(chart.title)}</figcaption>
${chart.svg}</figure>`;
}

const unitCell = (unit: string, title: string) =>
  `${escapeHtml(title)}<br><code class="unit">${escapeHtml(unit)}</code>`;

/** The whole report page: one HTML file that loads nothing (its policy forbids it), charts inline. */
export function reportPage(data: ReportData, charts: readonly ChartSvg[]): string {
  const chart = (id: string) => figure(charts.find((c) => c.id === id));
  const t = data.totals;
  const period = data.period ? `${data.period.from} to ${data.period.to}` : 'no signals recorded yet';
  const totals: [string, number, string][] = [
    ['Questions', t.questions, 'asked, not counting clicks on suggestions'],
    ['Answered', t.answered, percent(t.answered, t.questions)],
    ['"Did you mean" offered', t.suggested, percent(t.suggested, t.questions)],
    ['Declined', t.declined, percent(t.declined, t.questions)],
    ['Suggestions taken', t.suggestionsTaken, percent(t.suggestionsTaken, t.suggested) + ' of offers'],
    ['Thumbs up', t.likes, ''],
    ['Thumbs down', t.dislikes, ''],
  ];
  const sections = [
    `<section aria-labelledby="answers-heading"><h2 id="answers-heading">Answers per unit</h2>
${chart('answers-per-unit')}
${table(
  'answers-table',
  'Answers per unit, in numbers',
  ['Unit', 'Asked directly', 'From a suggestion', 'Total'],
  data.answersPerUnit.map((r) => [unitCell(r.unit, r.title), r.direct, r.viaSuggestion, r.direct + r.viaSuggestion]),
  true,
)}</section>`,
    `<section aria-labelledby="weeks-heading"><h2 id="weeks-heading">Answered, suggested or declined, per week</h2>
${chart('outcomes-per-week')}
${table(
  'weeks-table',
  'Questions per week (week starting Monday, UTC)',
  ['Week', 'Answered', 'Suggested', 'Declined', 'Share answered'],
  data.weeks.map((w) => [
    w.week,
    w.answered,
    w.suggested,
    w.declined,
    percent(w.answered, w.answered + w.suggested + w.declined),
  ]),
)}</section>`,
    `<section aria-labelledby="feedback-heading"><h2 id="feedback-heading">Thumbs up and down per unit</h2>
${chart('feedback-per-unit')}
${table(
  'feedback-table',
  'Thumbs up and down per unit, in numbers',
  ['Unit', 'Thumbs up', 'Thumbs down'],
  data.feedbackPerUnit.map((r) => [unitCell(r.unit, r.title), r.likes, r.dislikes]),
  true,
)}
${table(
  'comments-table',
  'Comments given with feedback (Teams)',
  ['Comment', 'Reaction', 'Unit', 'Date'],
  data.comments.map((c) => [
    escapeHtml(c.comment),
    c.reaction === 'like' ? 'Thumbs up' : 'Thumbs down',
    unitCell(c.unit, c.title),
    c.at.slice(0, 10),
  ]),
  true,
)}</section>`,
    `<section aria-labelledby="unanswered-heading"><h2 id="unanswered-heading">Most frequent unanswered questions</h2>
<p>Questions the bot declined, most asked first, with the unit they come closest to: add the answer to the
knowledge, or the question to that unit in <code>knowledge/questions.json</code> if it does answer it.</p>
${table(
  'unanswered-table',
  'Unanswered questions',
  ['Question', 'Language', 'Times asked', 'Why declined', 'Closest unit'],
  data.unanswered.map((r) => [
    escapeHtml(r.question),
    r.language,
    r.count,
    escapeHtml(
      Object.entries(r.reasons)
        .map(([reason, n]) => `${reason} ×${n}`)
        .join(', '),
    ),
    r.closest ? unitCell(r.closest.unit, r.closest.title) : '–',
  ]),
  true,
)}</section>`,
    `<section aria-labelledby="proposals-heading"><h2 id="proposals-heading">Proposed alternate questions</h2>
<p>Questions whose "did you mean" suggestion people took, or whose answer got a thumbs up, that
<code>knowledge/questions.json</code> does not hold yet. Check each one answers what was asked, then add it to the
unit's list in its language.</p>
${table(
  'proposals-table',
  'Proposed alternate questions',
  ['Question', 'Language', 'Add to unit', 'Suggestion taken', 'Thumbs up', 'For questions.json'],
  data.proposals.map((p) => [
    escapeHtml(p.question),
    p.language,
    unitCell(p.unit, p.title),
    p.suggestionTaken,
    p.thumbsUp,
    `<code>${escapeHtml(JSON.stringify(p.question))},</code>`,
  ]),
  true,
)}
${
  data.proposals.length > 0
    ? `<h3 id="paste-heading">All proposals, by unit, as in <code>questions.json</code></h3>
<pre tabindex="0" aria-labelledby="paste-heading"><code>${escapeMarkup(
        proposalsAsQuestionsJson(data.proposals.map((p) => ({ ...p, question: stripControlCharacters(p.question) }))),
      )}</code></pre>`
    : ''
}</section>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>USAID Peru bot: what people ask</title>
<style>${styles}</style>
</head>
<body>
<header class="site-header"><h1>What people ask the USAID Peru bot</h1>
<p>Signals from ${escapeHtml(period)}; report made ${escapeHtml(data.generatedAt.slice(0, 16).replace('T', ' '))} UTC.</p></header>
<main>
<section aria-labelledby="totals-heading"><h2 id="totals-heading">At a glance</h2>
<dl class="totals">${totals
    .map(
      ([label, value, note]) =>
        `<div><dt>${escapeHtml(label)}</dt><dd><span class="value">${value}</span>${note ? ` <span class="note">${escapeHtml(note)}</span>` : ''}</dd></div>`,
    )
    .join('')}</dl></section>
${sections.join('\n')}
</main>
<footer><p>Counts and anonymized question text only (no user or conversation ids; e-mail addresses, links and long
numbers removed), kept as long as unanswered questions are.</p></footer>
</body>
</html>
`;
}

const styles = `
:root { --blue: #002f6c; --red: #ba0c2f; --text: #1b1b1b; --muted: #4a4a4a; --rule: #d6d6d6; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Segoe UI', 'Helvetica Neue', Arial, sans-serif; color: var(--text); background: #fff; line-height: 1.45; }
.site-header { padding: 1rem; color: #fff; background: var(--blue); border-bottom: 4px solid var(--red); }
.site-header h1 { margin: 0; font-size: 1.5rem; }
.site-header p { margin: 0.25rem 0 0; }
main { max-width: 1100px; margin: 0 auto; padding: 0 1rem 2rem; }
h2 { margin-top: 2rem; color: var(--blue); border-bottom: 1px solid var(--rule); }
.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.75rem; margin: 0; }
.totals div { padding: 0.75rem; border: 1px solid var(--rule); border-radius: 6px; }
.totals dt { font-size: 0.9rem; color: var(--muted); }
.totals dd { margin: 0.25rem 0 0; }
.totals .value { font-size: 1.6rem; font-weight: 600; }
.totals .note { display: block; font-size: 0.85rem; color: var(--muted); }
.chart { margin: 1rem 0; }
.chart figcaption { font-weight: 600; margin-bottom: 0.5rem; }
.chart svg { display: block; max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; min-width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--blue); }
tbody th { font-weight: normal; }
code { font-family: Consolas, 'Courier New', monospace; font-size: 0.9em; }
code.unit { color: var(--muted); }
pre { overflow-x: auto; padding: 0.75rem; background: #f4f6f9; border: 1px solid var(--rule); }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.empty { color: var(--muted); }
footer { max-width: 1100px; margin: 0 auto; padding: 1rem; font-size: 0.9rem; color: var(--muted); border-top: 1px solid var(--rule); }
`;
