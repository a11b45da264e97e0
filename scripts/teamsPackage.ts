import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import { fillManifest, hostName, manifestProblems, pngSize } from './lib/teamsManifest';

/**
 * `npm run teams:package -- --domain bot.example.org`: writes the zip a Teams admin uploads, with
 * the bot id (MicrosoftAppId) and domain filled in and the manifest checked first against the
 * official schema (from Microsoft's @microsoft/app-manifest package).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'app-id': { type: 'string', default: process.env.MicrosoftAppId },
      domain: { type: 'string', default: process.env.BOT_DOMAIN },
      out: { type: 'string', default: 'build/usaid-peru-teams.zip' },
    },
  });
  const appId = values['app-id'];
  const domain = values.domain;
  if (!appId || !domain)
    throw new Error(
      'Give --app-id (or MicrosoftAppId) and --domain (or BOT_DOMAIN), e.g. usaid-peru-bot.azurewebsites.net',
    );
  if (!hostName.test(domain)) throw new Error(`--domain must be a host name without a scheme or path, not ${domain}`);
  const manifest = fillManifest(readFileSync('teams/manifest.json', 'utf8'), { appId, domain });
  const problems = manifestProblems(manifest);
  if (problems.length > 0) throw new Error(`Invalid manifest:\n  - ${problems.join('\n  - ')}`);
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  for (const [name, size] of [
    ['color.png', 192],
    ['outline.png', 32],
  ] as const) {
    const icon = readFileSync(join('teams', name));
    const actual = pngSize(icon);
    if (actual?.width !== size || actual.height !== size)
      throw new Error(`teams/${name} must be a ${size}×${size} PNG`);
    zip.file(name, icon);
  }
  const out = values.out ?? 'build/usaid-peru-teams.zip';
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  process.stdout.write(
    `Wrote ${out} for bot ${appId} on ${domain}. Upload it in Teams admin center > Teams apps > Manage apps.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
