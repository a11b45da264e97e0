import { rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { type BotProcess, startBotProcess } from '../helpers/botProcess';
import { FakeChannel } from '../helpers/fakeChannel';
import { post } from '../helpers/testApp';

/** Distinctive personal data: any of it anywhere in the output is a leak. */
const person = {
  name: 'Zenobia Quispe-Halvorsen',
  email: 'zenobia.halvorsen@ejemplo-privado.pe',
  organization: 'Cooperativa Flor de Chirimoya',
  message: 'Mi hermano Teodoro Vilcapoma fue despedido injustamente del proyecto de cacao.',
};
const fragments = [
  ...Object.values(person),
  'Zenobia',
  'Halvorsen',
  'zenobia.halvorsen',
  'ejemplo-privado',
  'Chirimoya',
  'Teodoro',
  'Vilcapoma',
  'despedido',
];

/**
 * A channel that answers its next `failing` posts with 500, echoing in the error body the
 * activity it refused, as a service may: the summary, with the person's details.
 */
class FailingChannel extends FakeChannel {
  failing = 0;

  protected override async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.failing === 0 || req.method !== 'POST') return super.handle(req, res);
    this.failing -= 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'ServiceError', message: `Could not post ${Buffer.concat(chunks)}` } }));
  }
}

const serializedKeys = ['type', 'message', 'code', 'statusCode', 'stack'];

/** The bot as `npm start` runs it, logging everything, with the channel on loopback. */
describe('a turn failing inside the contact dialog', () => {
  let channel: FailingChannel;
  let bot: BotProcess;
  let url: string;

  beforeAll(async () => {
    channel = await new FailingChannel().start();
    bot = startBotProcess({ LOG_LEVEL: 'trace' });
    url = `http://127.0.0.1:${await bot.port()}/api/messages`;
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
  });

  const conversation = (id: string) => {
    let sent = 0;
    return (text: string) => {
      sent += 1;
      return post(url, {
        type: 'message',
        id: `${id}|${sent}`,
        channelId: 'webchat',
        serviceUrl: channel.url,
        conversation: { id },
        from: { id: `user-${id}`, name: person.name },
        recipient: { id: 'bot' },
        locale: 'en-US',
        text,
      });
    };
  };

  const upToTheMessage = ['I want to contact the deputy', 'yes', person.name, person.email, person.organization];

  const expectNoPersonalData = () => {
    const output = bot.output();
    for (const fragment of fragments) expect(output).not.toContain(fragment);
  };

  /** Complete log lines with a code; the child process writes them a moment after it answers. */
  const logLines = (code: string) =>
    bot
      .output()
      .split('\n')
      .filter((line) => line.includes(`"${code}"`) && line.endsWith('}'))
      .map((line) => JSON.parse(line) as { err?: Record<string, unknown>; cause?: string });
  const turnFailures = () => logLines('TURN_FAILED');
  /** The lines with a code logged after the first `before`, once there are some (or after 10 s). */
  const linesAfter = async (code: string, before: number) => {
    for (let waited = 0; waited < 10_000 && logLines(code).length <= before; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return logLines(code).slice(before);
  };

  it('logs no personal data when the channel answers 500 as the summary is posted', async () => {
    const say = conversation('conv-channel-500');
    for (const text of upToTheMessage) expect((await say(text)).status).toBe(200);
    const before = turnFailures().length;
    // botbuilder tries a post four times in all before giving up.
    channel.failing = 4;
    await say(person.message);
    const failures = await linesAfter('TURN_FAILED', before);
    // The turn did fail, and its error is there: type, message, status code and stack, no more.
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]?.err).toMatchObject({ statusCode: 500, stack: expect.any(String) });
    for (const { err } of failures) {
      expect(Object.keys(err ?? {}).filter((key) => !serializedKeys.includes(key))).toEqual([]);
    }
    expectNoPersonalData();
  });

  it('logs no personal data when the data folder cannot be written at Send', async () => {
    const say = conversation('conv-disk-fails');
    for (const text of [...upToTheMessage, person.message]) expect((await say(text)).status).toBe(200);
    const before = logLines('INQUIRY_STORE_FAILED').length;
    // The records folder is replaced by a file: the inquiry cannot be stored.
    const records = join(bot.dataDir, 'inquiries', 'records');
    rmSync(records, { recursive: true, force: true });
    writeFileSync(records, '');
    try {
      await say('Send');
    } finally {
      rmSync(records);
    }
    // The person keeps the draft; the log names the cause, and nothing they typed.
    const failures = await linesAfter('INQUIRY_STORE_FAILED', before);
    expect(failures.map((f) => f.cause)).toContain('ENOTDIR');
    expectNoPersonalData();
  });
});
