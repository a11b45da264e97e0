import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The axe-core rule tags that make up WCAG 2.2 level AA (with the A rules it includes). */
export const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One rule a page breaks, and where. */
export interface AxeViolation {
  id: string;
  impact?: string;
  targets: string[];
}

let source: string | undefined;

/**
 * Runs axe-core (from npm) in the page against the WCAG 2.2 AA rules and returns what it found.
 * It is evaluated through the DevTools protocol, which a page's Content-Security-Policy does not
 * restrict, so the page is tested as served.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  // A string, not a function: this project's type checking knows no DOM.
  const run = `axe.run(document, ${JSON.stringify({ runOnly: { type: 'tag', values: wcag22aa } })})
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, targets: v.nodes.map((n) => String(n.target)),
    })))`;
  return page.evaluate(run) as Promise<AxeViolation[]>;
}
