import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { fillManifest, pngSize, teamsManifestSchema } from '../../src/teams/teamsManifest';
import { repoRoot } from '../helpers/core';

const template = readFileSync(join(repoRoot, 'teams', 'manifest.json'), 'utf8');
const appId = '3f2e1d0c-9b8a-4765-8432-10fedcba9876';

describe('the Teams app package', () => {
  it('has a manifest that meets schema 1.22 once filled in', () => {
    const result = teamsManifestSchema.safeParse(
      fillManifest(template, { appId, domain: 'usaid-peru-bot.azurewebsites.net' }),
    );
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('offers the bot in personal, group chat and team scopes', () => {
    const manifest = teamsManifestSchema.parse(fillManifest(template, { appId, domain: 'bot.example.org' }));
    expect(manifest.bots[0]?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.bots[0]?.botId).toBe(appId);
  });

  it('rejects a manifest whose id is not a GUID or whose domain has a scheme', () => {
    const result = teamsManifestSchema.safeParse(
      fillManifest(template, { appId: 'not-a-guid', domain: 'https://bot.example.org' }),
    );
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['id', 'bots.0.botId', 'validDomains.0']));
  });

  it('has a 192×192 colour icon and a 32×32 outline icon', () => {
    expect(pngSize(readFileSync(join(repoRoot, 'teams', 'color.png')))).toEqual({ width: 192, height: 192 });
    expect(pngSize(readFileSync(join(repoRoot, 'teams', 'outline.png')))).toEqual({ width: 32, height: 32 });
  });

  it('writes the zip with the bot id and domain filled in', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-')), 'app.zip');
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
