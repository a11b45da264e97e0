import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../../../src/core/signals/signalReport.js';

/** A chart as inline SVG, with the sentence that says what it shows. */
export interface Chart {
  id: string;
  title: string;
  svg: string;
}

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart also by position. */
const colours = {
  blue: '#002f6c',
  lightBlue: '#2b6cb0',
  green: '#1d6b3a',
  amber: '#8a5300',
  red: '#ba0c2f',
};

const font = 'Segoe UI, Helvetica Neue, Arial, sans-serif';

const config = {
  font,
  // The page names each chart and gives its numbers in a table: the SVG is one labelled image.
  aria: false,
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', labelLimit: 320 },
  legend: {
    labelFontSize: 12,
    titleFontSize: 12,
    labelColor: '#1b1b1b',
    titleColor: '#1b1b1b',
    labelLimit: 320,
    orient: 'top',
  },
  view: { stroke: null },
} as const;

/** Renders a Vega-Lite chart to SVG in this process: no browser, no network. */
async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/**
 * Makes the chart's SVG one image named by its caption. Vega still marks its groups as graphics
 * objects with ARIA roles, which would ask a name of every bar: the table under the chart gives
 * the numbers, so those roles go.
 */
function labelled(svg: string, id: string): string {
  return svg
    .replace(/ (role|aria-roledescription|aria-label)="[^"]*"/g, '')
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${id}-caption" focusable="false" `);
}

const barHeight = (rows: number) => Math.max(60, rows * 26);

/** The report's charts; a chart with nothing to show is left out. */
export async function renderCharts(data: ReportData): Promise<Chart[]> {
  const charts: Chart[] = [];
  const add = async (id: string, title: string, spec: TopLevelSpec) =>
    charts.push({ id, title, svg: labelled(await toSvg(spec), id) });

  if (data.answersPerUnit.length > 0) {
    const order = data.answersPerUnit.map((r) => r.title);
    await add(
      'answers-per-unit',
      'Bar chart of the answers given with each unit, asked directly or from a suggestion',
      {
        width: 520,
        height: barHeight(order.length),
        config,
        data: {
          values: data.answersPerUnit.flatMap((r) => [
            { unit: r.title, how: 'Asked directly', answers: r.direct },
            { unit: r.title, how: 'From a suggestion', answers: r.viaSuggestion },
          ]),
        },
        mark: 'bar',
        encoding: {
          y: { field: 'unit', type: 'nominal', sort: order, title: null },
          x: { field: 'answers', type: 'quantitative', aggregate: 'sum', title: 'Answers', axis: { tickMinStep: 1 } },
          color: {
            field: 'how',
            type: 'nominal',
            title: null,
            scale: { domain: ['Asked directly', 'From a suggestion'], range: [colours.blue, colours.lightBlue] },
          },
        },
      },
    );
  }

  if (data.weeks.length > 0) {
    const outcomes = ['Answered', 'Suggested', 'Declined'];
    await add(
      'outcomes-per-week',
      'Stacked bar chart of the share of questions answered, suggested or declined, each week',
      {
        width: Math.max(160, data.weeks.length * 48),
        height: 220,
        config,
        data: {
          values: data.weeks.flatMap((w) => [
            { week: w.week, outcome: 'Answered', questions: w.answered, order: 0 },
            { week: w.week, outcome: 'Suggested', questions: w.suggested, order: 1 },
            { week: w.week, outcome: 'Declined', questions: w.declined, order: 2 },
          ]),
        },
        mark: 'bar',
        encoding: {
          x: { field: 'week', type: 'ordinal', title: 'Week starting', axis: { labelAngle: 0 } },
          y: {
            field: 'questions',
            type: 'quantitative',
            stack: 'normalize',
            title: 'Share of questions',
            axis: { format: '%' },
          },
          color: {
            field: 'outcome',
            type: 'nominal',
            title: null,
            scale: { domain: outcomes, range: [colours.green, colours.amber, colours.red] },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
    );
  }

  if (data.feedbackPerUnit.length > 0) {
    const order = data.feedbackPerUnit.map((r) => r.title);
    await add('feedback-per-unit', 'Bar chart of the thumbs up (right) and down (left) each unit got', {
      width: 520,
      height: barHeight(order.length),
      config,
      data: {
        values: data.feedbackPerUnit.flatMap((r) => [
          { unit: r.title, reaction: 'Thumbs up', votes: r.likes },
          { unit: r.title, reaction: 'Thumbs down', votes: -r.dislikes },
        ]),
      },
      mark: 'bar',
      encoding: {
        y: { field: 'unit', type: 'nominal', sort: order, title: null },
        x: {
          field: 'votes',
          type: 'quantitative',
          title: 'Thumbs down (left) and up (right)',
          axis: { tickMinStep: 1, labelExpr: 'abs(datum.value)' },
        },
        color: {
          field: 'reaction',
          type: 'nominal',
          title: null,
          scale: { domain: ['Thumbs up', 'Thumbs down'], range: [colours.green, colours.red] },
        },
      },
    });
  }
  return charts;
}
