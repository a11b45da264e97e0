import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import manifestSchema from '@microsoft/app-manifest/build/json-schemas/teams/v1.22/MicrosoftTeams.schema.json';

/** The official Teams app manifest schema 1.22, as Microsoft ships it, compiled once. */
const validate = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(manifestSchema);
})();

/** Every way `manifest` breaks the official schema, as `path: message` lines (none when valid). */
export function manifestProblems(manifest: unknown): string[] {
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) => `manifest.json${e.instancePath.replaceAll('/', '.')}: ${e.message ?? 'is invalid'}`,
  );
}

/** A host name Teams accepts in validDomains: no scheme, no path. */
export const hostName = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/i;

/** Fills the manifest template's placeholders: the bot's app id and the domain it runs on. */
export function fillManifest(template: string, values: { appId: string; domain: string }): unknown {
  return JSON.parse(
    template.replaceAll('{{MicrosoftAppId}}', values.appId).replaceAll('{{BOT_DOMAIN}}', values.domain),
  );
}

/** Width and height of a PNG file, from its header. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature || png.subarray(12, 16).toString('ascii') !== 'IHDR') {
    return undefined;
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
