import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { fillManifest, manifestProblems, pngSize } from '../../scripts/lib/teamsManifest';
import { repoRoot } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const template = readFileSync(join(repoRoot, 'teams', 'manifest.json'), 'utf8');
const appId = '3f2e1d0c-9b8a-4765-8432-10fedcba9876';

describe('the Teams app package', () => {
  it('has a manifest that meets the official schema 1.22 once filled in', () => {
    expect(manifestProblems(fillManifest(template, { appId, domain: 'usaid-peru-bot.azurewebsites.net' }))).toEqual([]);
  });

  it('offers the bot in personal, group chat and team scopes', () => {
    const manifest = fillManifest(template, { appId, domain: 'bot.example.org' }) as {
      bots: { botId: string; scopes: string[] }[];
    };
    expect(manifest.bots[0]?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.bots[0]?.botId).toBe(appId);
  });

  it('names what breaks the schema: an id that is not a GUID, a missing field', () => {
    const manifest = fillManifest(template, { appId: 'not-a-guid', domain: 'bot.example.org' }) as Record<
      string,
      unknown
    >;
    delete manifest.developer;
    expect(manifestProblems(manifest)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.json\.id: must match pattern/),
        expect.stringMatching(/^manifest\.json: must have required property 'developer'/),
      ]),
    );
  });

  it('refuses a domain with a scheme before writing anything', async () => {
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/teamsPackage.ts', '--app-id', appId, '--domain', 'https://bot.example.org'],
      { cwd: repoRoot, env: { PATH: process.env.PATH } },
    );
    await expect(run).rejects.toMatchObject({ stderr: expect.stringMatching(/--domain must be a host name/) });
  });

  it('has a 192×192 colour icon and a 32×32 outline icon', () => {
    expect(pngSize(readFileSync(join(repoRoot, 'teams', 'color.png')))).toEqual({ width: 192, height: 192 });
    expect(pngSize(readFileSync(join(repoRoot, 'teams', 'outline.png')))).toEqual({ width: 32, height: 32 });
  });

  it('writes the zip with the bot id and domain filled in', async () => {
    const out = join(tempDir('teams-'), 'app.zip');
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/teamsPackage.ts', '--app-id', appId, '--domain', 'bot.example.org', '--out', out],
      { cwd: repoRoot, env: { PATH: process.env.PATH } },
    );
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      id: string;
      validDomains: string[];
    };
    expect(manifest).toMatchObject({ id: appId, validDomains: ['bot.example.org'] });
  });
});
