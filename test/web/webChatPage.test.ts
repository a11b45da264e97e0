import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { axeViolations } from '../helpers/axe';
import { type BotProcess, startBotProcess } from '../helpers/botProcess';
import { repoRoot } from '../helpers/core';
import { runReport } from '../helpers/report';
import { SignalLog } from '../../src/core/signals/signalLog';
import { FileSignalStore } from '../../src/signals/fileSignalStore';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = join(repoRoot, 'test-artifacts');

/** The Web Chat page in Debian's Chromium, against the bot started as its own process. */
describe('the Web Chat page in Chromium', () => {
  let bot: BotProcess;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}; .ci/run installs it`);
    mkdirSync(artifacts, { recursive: true });
    bot = startBotProcess();
    baseUrl = `http://127.0.0.1:${await bot.port()}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1024, height: 800 }, locale: 'en-US' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  const send = async (text: string) => {
    const box = page.getByRole('textbox').last();
    await box.fill(text);
    await box.press('Enter');
  };
  const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  it('loads with the welcome and suggested questions', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(baseUrl);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('USAID in Peru');
    await page.getByText("Hello! I'm the USAID Peru assistant", { exact: false }).first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Who is the Mission Director?' }).first().waitFor();
    await shot('01-welcome');
    expect(errors).toEqual([]);
  }, 40_000);

  it('answers a question with a visible citation', async () => {
    await send('What are USAID objectives in Peru?');
    await page.getByText('pursue four objectives', { exact: false }).first().waitFor({ timeout: 15_000 });
    await page.getByText('Venezuelan migrants and refugees', { exact: false }).first().waitFor();
    // Web Chat turns the citation entity into a reference link naming the document.
    await page
      .getByText('USAID in Perú (published 6 October 2023)', { exact: false })
      .first()
      .waitFor({ timeout: 5000 });
    await shot('02-answer-with-citation');
  }, 30_000);

  it('breaks no WCAG 2.2 AA rule after an answer, at desktop and phone widths', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await axeViolations(page)).toEqual([]);
    await shot('02b-answer-on-a-phone');
    await page.setViewportSize({ width: 1024, height: 800 });
  }, 30_000);

  it('takes a thumbs up under the answer, which the report then shows', async () => {
    await page.getByRole('button', { name: 'Like', exact: true }).last().click();
    await expect(
      page.getByRole('button', { name: 'Like', exact: true }).last().getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    // Web Chat posts the click half a second later; the bot writes it to DATA_DIR/signals at once.
    const signals = join(bot.dataDir, 'signals');
    const feedbackLines = () =>
      (existsSync(signals) ? readdirSync(signals) : [])
        .flatMap((day) => readdirSync(join(signals, day)).map((f) => readFileSync(join(signals, day, f), 'utf8')))
        .join('')
        .split('\n')
        .filter((line) => line.includes('"kind":"feedback"'));
    for (let i = 0; i < 50 && feedbackLines().length === 0; i += 1) await page.waitForTimeout(100);
    expect(feedbackLines()).toHaveLength(1);

    // What other instances recorded, so every table of the page has rows to check.
    const others = new SignalLog(new FileSignalStore(signals, 'another-instance'));
    others.record({ kind: 'decline', language: 'es', reason: 'unknown-name', question: '¿Qué hace USAID en Bolivia?' });
    others.record({ kind: 'suggest', language: 'en', units: ['usaid-peru#goal'], question: 'What is the aim?' });
    others.record({
      kind: 'answer',
      language: 'en',
      unit: 'usaid-peru#goal',
      via: 'suggestion',
      question: 'What is the aim?',
    });
    others.record({
      kind: 'feedback',
      language: 'en',
      unit: 'usaid-peru#goal',
      reaction: 'dislike',
      channel: 'msteams',
      comment: 'Too vague',
    });
    await others.flush();
    const out = join(artifacts, 'report.html');
    await runReport(bot.dataDir, out);
    const report = await browser.newPage({ viewport: { width: 1024, height: 800 }, locale: 'en-US' });
    const requests: string[] = [];
    report.on('request', (request) => requests.push(request.url()));
    await report.goto(pathToFileURL(out).href);
    const liked = report.locator('#feedback-table tbody tr', { hasText: 'usaid-peru#objectives' });
    await expect(liked.locator('td').allTextContents()).resolves.toEqual(['1', '0']);
    await report.locator('#unanswered-table', { hasText: '¿Qué hace USAID en Bolivia?' }).waitFor();
    await report.locator('#proposals-table', { hasText: 'What is the aim?' }).waitFor();
    for (const id of ['answers-per-unit', 'outcomes-per-week', 'feedback-per-unit']) {
      const box = await report.locator(`#${id} svg`).boundingBox();
      expect(box?.width).toBeGreaterThan(100);
    }
    await report.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
    expect(await axeViolations(report)).toEqual([]);
    await report.setViewportSize({ width: 375, height: 740 });
    expect(await axeViolations(report)).toEqual([]);
    await report.screenshot({ path: join(artifacts, 'report-phone.png'), fullPage: true });
    // Nothing but the file itself was loaded.
    expect(requests).toEqual([pathToFileURL(out).href]);
    await report.close();
  }, 60_000);

  it('switches to Spanish and answers in Spanish', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await page.getByText('Claro, continúo en español.').first().waitFor({ timeout: 10_000 });
    await send('¿Quién es la subdirectora de la misión?');
    await page
      .getByText('Elizabeth Bosman, Subdirectora de la Misión', { exact: false })
      .first()
      .waitFor({ timeout: 15_000 });
    await shot('03-spanish');
  }, 30_000);

  afterEach(async () => {
    // A picture of where each test ended, pass or fail.
    await shot(
      `last-${
        expect
          .getState()
          .currentTestName?.replace(/[^a-z0-9]+/gi, '-')
          .slice(-60) ?? 'test'
      }`,
    );
  });

  it('completes the contact flow and the inquiry reaches the outbox', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText("Sure, I'll continue in English.").first().waitFor({ timeout: 10_000 });
    await send('I want to contact the deputy');
    await page
      .getByText('Would you like me to send Elizabeth Bosman a message for you?')
      .first()
      .waitFor({ timeout: 15_000 });
    // The contact card (an Adaptive Card) with its mailto action.
    await page.getByRole('button', { name: 'Write an e-mail' }).first().waitFor();
    await page.getByRole('button', { name: 'Yes' }).last().click();
    await page.getByText('What is your name?').first().waitFor();
    await send('Ana Pérez');
    await page.getByText('What e-mail address should Elizabeth Bosman reply to?').first().waitFor();
    await send('ana@example.org');
    await page.getByText('Which organization do you represent', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Skip' }).last().click();
    await page.getByText('What would you like to tell Elizabeth Bosman?', { exact: false }).first().waitFor();
    await send('We would like to learn about the cacao program.');
    await page.getByText('Shall I send it?', { exact: false }).first().waitFor();
    // The suggested action, not the send box's own "Send" button, which comes after it.
    await page.getByRole('button', { name: 'Send', exact: true }).first().click();
    const confirmation = page.getByText('your reference is PE-', { exact: false }).first();
    await confirmation.waitFor({ timeout: 15_000 });
    const reference = /PE-[A-Z0-9]{6}/.exec((await confirmation.textContent()) ?? '')?.[0];
    await shot('04-contact-flow');
    const outbox = join(bot.dataDir, 'outbox');
    // The mail is written beside its name and renamed: wait for the name, not for any file.
    const mail = join(outbox, `${reference}.eml`);
    for (let i = 0; i < 40 && !existsSync(mail); i += 1) await page.waitForTimeout(100);
    expect(readdirSync(outbox)).toEqual([`${reference}.eml`]);
  }, 60_000);

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    expect(overflow).toBe(false);
    await shot('05-phone');
  });
});
