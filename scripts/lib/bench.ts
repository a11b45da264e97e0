import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { KnowledgeService } from '../../src/core/answers/knowledgeService';
import { loadAnswering } from '../../src/core/answers/answering';
import type { AnswerModel } from '../../src/core/answers/answerModel';
import type { LabelledNeighbours } from '../../src/core/answers/labelledNeighbours';
import { loadCluProject } from '../../src/core/intents/cluModel';
import type { KnowledgeBase, Passage } from '../../src/core/knowledge/knowledgeTypes';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { HunspellWords, type WordChecker } from '../../src/core/search/spelling';
import { readCases } from './devEval';

/** How hard and how long to push. */
export interface BenchOptions {
  /** Measured seconds per bot and delivery mode, split into alternating rounds. */
  durationSeconds: number;
  /**
   * Rounds the measured time is split into, alternating echo bot and this bot, so that a machine
   * getting slower or faster during the run affects both alike.
   */
  loadRounds?: number;
  /** Seconds of load before measuring, discarded. */
  warmupSeconds: number;
  connections: number;
  /** Size of the synthetic knowledge base, as a multiple of the real one. */
  syntheticFactor: number;
  /** Repetitions of each question when timing retrieval. */
  retrievalRounds: number;
  /** Unmeasured answering before retrieval is timed, in ms (default 2,000). */
  retrievalWarmupMs?: number;
  /** Folder with the compiled bot (dist/). */
  distDir: string;
  repoRoot: string;
  questionsFile: string;
}

export interface LoadResult {
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** CPU time the process used per turn, all its threads (GC, I/O) counted. */
  cpuMsPerTurn: number;
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  options: Pick<BenchOptions, 'durationSeconds' | 'warmupSeconds' | 'connections' | 'syntheticFactor'> & {
    loadRounds: number;
  };
  expectReplies: Comparison;
  /** The same load with the answer cache off: every question answered from scratch. */
  expectRepliesUncached: Comparison;
  connector: Comparison;
  /** Inquiries the bot stored during the load: each pass's contact conversation reached Send. */
  inquiriesStored: number;
  coldStartMs: number;
  rssMiB: { echo: number; bot: number };
  indexBuildMs: { real: number; synthetic: number };
  passages: { real: number; synthetic: number };
  retrievalMs: { real: Percentiles; synthetic: Percentiles; syntheticCold: Percentiles };
}

/** The echo bot and this bot under one load. */
export interface Comparison {
  echo: LoadResult;
  bot: LoadResult;
  ratio: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: round(at(0.5)), p99: round(at(0.99)) };
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const round2 = (n: number) => round(n, 2);

/** A process under test, started from the compiled code. */
interface Target {
  child: ChildProcess;
  url: string;
  startedAt: number;
}

/**
 * Node flags the service runs with (`npm start`), given to both bots and to the benchmark itself.
 * A 64 MB young generation: answering allocates some 150 KB a query, and with V8's default each
 * young collection (about 3 ms beside the large old generation of indexes and dictionaries) landed
 * in one query in a hundred, which set the retrieval p99.
 */
export const serviceNodeFlags = ['--disable-warning=DEP0111', '--max-semi-space-size=64'];

async function startTarget(script: string, env: Record<string, string>, cwd: string): Promise<Target> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...serviceNodeFlags, script], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, startedAt };
}

async function waitHealthy(url: string): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** CPU time a process has used so far, in ms (user + system, all threads; Linux /proc ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

/** Web Chat-shaped activities: the development questions, then a contact conversation. */
function conversationScript(questions: string[]): string[] {
  return [
    ...questions,
    'I want to contact the deputy',
    'yes',
    'Ana Pérez',
    'ana@example.org',
    'Skip',
    'We would like to learn more about the cacao program.',
    'Send',
  ];
}

async function load(
  target: Target,
  script: string[],
  options: BenchOptions,
  serviceUrl: string,
  deliveryMode?: string,
  seconds = options.durationSeconds,
): Promise<RoundResult> {
  const { url } = target;
  const cpuBefore = cpuMs(target.child.pid);
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections: options.connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: script.map((text, i) => ({
      method: 'POST' as const,
      setupRequest: (request: autocannon.Request, state: object) => {
        const context = state as Record<string, string>;
        // Each pass through the script is a new conversation, as a new visitor would be.
        if (i === 0 || !context.conversation) context.conversation = `bench-${randomUUID()}`;
        return {
          ...request,
          body: JSON.stringify({
            type: 'message',
            id: randomUUID(),
            channelId: 'webchat',
            serviceUrl,
            ...(deliveryMode ? { deliveryMode } : {}),
            conversation: { id: context.conversation },
            from: { id: `user-${context.conversation}`, role: 'user' },
            recipient: { id: 'bot', role: 'bot' },
            locale: 'en-US',
            text,
          }),
        };
      },
    })),
  });
  return {
    requests: result.requests.total,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    cpuMs: cpuMs(target.child.pid) - cpuBefore,
  };
}

/** One round of load on one target. */
interface RoundResult {
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  cpuMs: number;
}

/**
 * Rounds taken together: turns per second and CPU per turn over all of them; p50 the median of the
 * rounds' p50s, p99 the worst round's p99.
 */
function combine(rounds: readonly RoundResult[]): LoadResult {
  const sum = (pick: (r: RoundResult) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  const p50s = rounds.map((r) => r.p50Ms).sort((a, b) => a - b);
  return {
    turnsPerSecond: round(
      sum((r) => r.requests) /
        Math.max(
          1e-9,
          sum((r) => r.seconds),
        ),
      1,
    ),
    p50Ms: p50s[Math.floor((p50s.length - 1) / 2)] ?? 0,
    p99Ms: Math.max(...rounds.map((r) => r.p99Ms)),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    cpuMsPerTurn: round(
      sum((r) => r.cpuMs) /
        Math.max(
          1,
          sum((r) => r.requests),
        ),
      3,
    ),
  };
}

/** A channel's Connector API that accepts and forgets, for the normal delivery path. */
async function fakeChannel(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/**
 * The knowledge base `factor` times over: each copy of a passage keeps its structure but has
 * some words replaced by copy-specific ones, so the vocabulary grows as real content would.
 */
export function syntheticKnowledge(kb: KnowledgeBase, factor: number): KnowledgeBase {
  const passages: Passage[] = [];
  for (let copy = 0; copy < factor; copy += 1) {
    for (const passage of kb.passages.filter((p) => p.language === 'en')) {
      const text =
        copy === 0
          ? passage.text
          : passage.text
              .split(' ')
              .map((word, i) => ((i + copy) % 4 === 0 && word.length > 3 ? `${word.toLowerCase()}${copy}x` : word))
              .join(' ');
      passages.push({ ...passage, id: `${passage.id}~${copy}`, text, list: undefined });
    }
  }
  return { ...kb, passages, alternateQuestions: new Map(), fingerprint: `synthetic-${factor}` };
}

function timeRetrieval(
  kb: KnowledgeBase,
  questions: string[],
  timing: { rounds: number; warmupMs: number },
  words: WordChecker,
  model: AnswerModel,
  neighbours: LabelledNeighbours,
): { warm: Percentiles; cold: Percentiles; buildMs: number } {
  const started = performance.now();
  const index = SearchIndex.build(kb, words);
  const buildMs = round(performance.now() - started, 1);
  const service = new KnowledgeService(kb, index, words, { model, neighbours });
  const cold = questions.map((q) => {
    const t = performance.now();
    service.answer(q, 'en');
    return performance.now() - t;
  });
  // Unmeasured answering first, as the load has its warm-up: the compiler optimizes the answering
  // code, the young generation grows to its size, and the collection of the garbage left by start-up
  // (the spelling dictionaries' parse, the index build) is over before the timing starts.
  const warmUntil = performance.now() + timing.warmupMs;
  while (performance.now() < warmUntil) for (const q of questions) service.answer(q, 'en');
  const warm: number[] = [];
  for (let r = 0; r < timing.rounds; r += 1) {
    for (const q of questions) {
      const t = performance.now();
      service.answer(q, 'en');
      warm.push(performance.now() - t);
    }
  }
  return { warm: percentiles(warm), cold: percentiles(cold), buildMs };
}

/** Times retrieval on the real knowledge and on the synthetic one, which is dropped afterwards. */
function timeAllRetrieval(options: BenchOptions, questions: string[]) {
  const words = new HunspellWords();
  const answering = loadAnswering(
    {
      knowledgeDir: join(options.repoRoot, 'knowledge'),
      indexPath: join(options.repoRoot, 'build', 'search-index.json'),
      modelPath: join(options.repoRoot, 'build', 'answer-model.json'),
    },
    loadCluProject(join(options.repoRoot, 'dialogs', 'model', 'usaid-peru.clu.json')),
    words,
  );
  const { kb, model, neighbours } = answering;
  // The model trained on the real knowledge scores the synthetic one: its features do not depend on size.
  const timing = { rounds: options.retrievalRounds, warmupMs: options.retrievalWarmupMs ?? 2000 };
  // The real labelled questions vote on both: the work is the same, whatever units they name.
  const real = timeRetrieval(kb, questions, timing, words, model, neighbours);
  const big = syntheticKnowledge(kb, options.syntheticFactor);
  const synthetic = timeRetrieval(big, questions, timing, words, model, neighbours);
  return {
    real,
    synthetic,
    passages: { real: kb.passages.filter((p) => p.language === 'en').length, synthetic: big.passages.length },
  };
}

/** Runs the whole benchmark and returns its report. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const cases = readCases(options.questionsFile);
  const questions = cases.filter((c) => c.lang === 'en').map((c) => c.q);
  const script = conversationScript(questions);

  // Retrieval is timed first, in a process the loads have not yet filled with garbage.
  const retrieval = timeAllRetrieval(options, questions);

  const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const botEnv = {
    RATE_LIMIT_PER_CLIENT_PER_MINUTE: '100000000',
    RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '100000000',
    DELIVERY_POLL_MS: '60000',
    // Every pass is a new conversation and user, so their caps are counted but never bind; the
    // script's one e-mail address and the hourly total would refuse all but the first few sends.
    INQUIRY_LIMIT_PER_EMAIL_PER_DAY: '0',
    INQUIRY_LIMIT_PER_HOUR: '0',
  };
  const botScript = join(options.distDir, 'src', 'index.js');
  const bot = await startTarget(botScript, { ...botEnv, DATA_DIR: join(dataDir, 'bot') }, options.repoRoot);
  await waitHealthy(bot.url);
  const coldStartMs = round(performance.now() - bot.startedAt, 0);
  // The load repeats its questions, which the answer cache then answers; real visitors word theirs anew.
  const uncached = await startTarget(
    botScript,
    { ...botEnv, DATA_DIR: join(dataDir, 'uncached'), ANSWER_CACHE_SIZE: '0' },
    options.repoRoot,
  );
  await waitHealthy(uncached.url);
  const echo = await startTarget(join(options.distDir, 'scripts', 'benchEchoBot.js'), {}, options.repoRoot);
  const channel = await fakeChannel();
  const noChannel = 'http://127.0.0.1:9/';

  try {
    const rounds = Math.max(1, Math.round(options.loadRounds ?? 4));
    /** Warms both up, then alternates them round by round for the measured time. */
    const compare = async (bot: Target, serviceUrl: string, deliveryMode?: string): Promise<Comparison> => {
      for (const target of [echo, bot])
        await load(target, script, options, serviceUrl, deliveryMode, options.warmupSeconds);
      const results = new Map<Target, RoundResult[]>([
        [echo, []],
        [bot, []],
      ]);
      for (let turn = 0; turn < rounds; turn += 1) {
        // Who goes first alternates too.
        for (const target of turn % 2 === 0 ? [echo, bot] : [bot, echo]) {
          results
            .get(target)
            ?.push(await load(target, script, options, serviceUrl, deliveryMode, options.durationSeconds / rounds));
        }
      }
      const echoResult = combine(results.get(echo) ?? []);
      const botResult = combine(results.get(bot) ?? []);
      return {
        echo: echoResult,
        bot: botResult,
        ratio: round2(botResult.turnsPerSecond / echoResult.turnsPerSecond),
      };
    };
    const expectReplies = await compare(bot, noChannel, 'expectReplies');
    const expectRepliesUncached = await compare(uncached, noChannel, 'expectReplies');
    const connector = await compare(bot, channel.url);
    const rss = { echo: rssMiB(echo.child.pid), bot: rssMiB(bot.child.pid) };
    const records = join(dataDir, 'bot', 'inquiries', 'records');
    const inquiriesStored = readdirSync(records).filter((name) => name.endsWith('.json')).length;

    return {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: round(totalmem() / 2 ** 30, 1),
        node: process.version,
      },
      options: {
        durationSeconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
        connections: options.connections,
        syntheticFactor: options.syntheticFactor,
        loadRounds: rounds,
      },
      expectReplies,
      expectRepliesUncached,
      connector,
      inquiriesStored,
      coldStartMs,
      rssMiB: rss,
      indexBuildMs: { real: retrieval.real.buildMs, synthetic: retrieval.synthetic.buildMs },
      passages: retrieval.passages,
      retrievalMs: {
        real: retrieval.real.warm,
        synthetic: retrieval.synthetic.warm,
        syntheticCold: retrieval.synthetic.cold,
      },
    };
  } finally {
    const targets = [bot, uncached, echo];
    const exited = targets.map(
      ({ child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
    );
    for (const { child } of targets) child.kill('SIGTERM');
    channel.server.close();
    channel.server.closeAllConnections();
    // The bots' state and test inquiries go once they have stopped writing them.
    await Promise.all(exited);
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** The report as a Markdown table. */
export function markdownTable(report: BenchReport): string {
  const line = (...cells: unknown[]) => `| ${cells.join(' | ')} |`;
  const row = (name: string, { echo, bot, ratio }: Comparison) =>
    line(
      name,
      echo.turnsPerSecond,
      bot.turnsPerSecond,
      `**${Math.round(ratio * 100)}%**`,
      `${echo.p50Ms} / ${echo.p99Ms}`,
      `${bot.p50Ms} / ${bot.p99Ms}`,
      `${echo.cpuMsPerTurn} / ${bot.cpuMsPerTurn}`,
    );
  const { machine, options, retrievalMs, passages } = report;
  const factor = options.syntheticFactor;
  return [
    `Measured ${report.date.slice(0, 10)} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ` +
      `Node ${machine.node}; ${options.connections} connections, ${options.durationSeconds} s per bot and mode ` +
      `after ${options.warmupSeconds} s warm-up, in ${options.loadRounds} rounds alternating the two bots ` +
      '(p50: median of the rounds; p99: worst round).',
    '',
    line(
      'load (dev questions + a contact conversation)',
      'echo bot turns/s',
      'this bot turns/s',
      'ratio',
      'echo p50 / p99 ms',
      'this bot p50 / p99 ms',
      'CPU ms per turn, echo / this bot',
    ),
    line('---', '---', '---', '---', '---', '---', '---'),
    row('`deliveryMode: expectReplies`', report.expectReplies),
    row('same, answer cache off (every question answered afresh)', report.expectRepliesUncached),
    row('Connector path to a channel on loopback', report.connector),
    '',
    line('measure', 'value'),
    line('---', '---'),
    line(
      `retrieval per query, real knowledge (${passages.real} passages), p50 / p99`,
      `${retrievalMs.real.p50} / ${retrievalMs.real.p99} ms`,
    ),
    line(
      `retrieval per query, ${factor}× knowledge (${passages.synthetic} passages), p50 / p99`,
      `${retrievalMs.synthetic.p50} / ${retrievalMs.synthetic.p99} ms`,
    ),
    line(
      'same, first time each question is seen (cold caches), p50 / p99',
      `${retrievalMs.syntheticCold.p50} / ${retrievalMs.syntheticCold.p99} ms`,
    ),
    line(`index build, real / ${factor}×`, `${report.indexBuildMs.real} / ${report.indexBuildMs.synthetic} ms`),
    line('cold start to /healthz', `${report.coldStartMs} ms`),
    line('resident memory after the runs, echo / this bot', `${report.rssMiB.echo} / ${report.rssMiB.bot} MiB`),
  ].join('\n');
}
