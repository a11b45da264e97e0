import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './core';
import { freePort } from './smtpServer';

/** Azurite's documented development account: public, for the local emulator only. */
const account = 'devstoreaccount1';
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Azure Blob Storage emulated by Azurite (npm), on a free port, kept in memory. */
export class Azurite {
  private child?: ChildProcess;
  port = 0;

  get connectionString(): string {
    return `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${accountKey};BlobEndpoint=http://127.0.0.1:${this.port}/${account};`;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    this.child = spawn(
      process.execPath,
      [
        join(repoRoot, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js'),
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(this.port),
        '--inMemoryPersistence',
        '--silent',
        '--skipApiVersionCheck',
        '--loose',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 15_000;
    for (;;) {
      const open = await new Promise<boolean>((resolve) => {
        const socket = connect(this.port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      if (open) return this;
      if (Date.now() > deadline) throw new Error('Azurite did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child?.on('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
