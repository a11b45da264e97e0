import { OfflineRecognizer } from '../../src/core/intents/offlineRecognizer';
import { realProject } from '../helpers/core';
import { FakeCluService } from '../helpers/fakeClu';
import { capturingLogger } from '../helpers/logCapture';
import { post, startTestApp } from '../helpers/testApp';

describe('a CLU outage seen from the outside', () => {
  it('keeps answering from the offline recognizer and logs one warning per outage', async () => {
    const clu = await new FakeCluService(new OfflineRecognizer(realProject())).start();
    const { logger, lines } = capturingLogger('info');
    const running = await startTestApp(
      {
        CLU_ENDPOINT: clu.endpoint,
        CLU_KEY: clu.key,
        CLU_PROJECT_NAME: 'p',
        CLU_DEPLOYMENT_NAME: 'd',
        CLU_TIMEOUT_MS: '500',
      },
      {},
      logger,
    );
    const ask = async (text: string) => {
      const response = await post(`${running.baseUrl}/api/messages`, {
        type: 'message',
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9/',
        deliveryMode: 'expectReplies',
        conversation: { id: `c-${text}` },
        from: { id: 'u' },
        recipient: { id: 'b' },
        locale: 'en-US',
        text,
      });
      return (response.body as { activities: { text: string }[] }).activities[0]?.text ?? '';
    };
    try {
      clu.behaviour = { kind: 'status', status: 503 };
      const replies = [await ask('help'), await ask('Who is the Deputy Mission Director?'), await ask('hello')];
      expect(replies[0]).toMatch(/Deputy Mission Director/);
      expect(replies[1]).toMatch(/Elizabeth Bosman/);
      clu.behaviour = { kind: 'ok' };
      await ask('thanks');
      const cluLines = lines().filter((l) => l.code === 'CLU_UNAVAILABLE');
      expect(cluLines.map((l) => l.level)).toEqual([40, 30]);
      expect(cluLines[0]).toMatchObject({ reason: 'unavailable', status: 503 });
    } finally {
      await running.app.stop();
      await clu.stop();
    }
  });
});
